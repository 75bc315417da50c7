import Foundation
import Synchronization

/// A thread of its own for one connection: C client libraries (libpq,
/// SQLite) block, and blocking Swift's cooperative pool (as many threads as
/// cores) would stall every other task, so each connection runs its jobs
/// here, one after another. Shared by the database modules of this package.
package final class ConnectionThread: Sendable {
    private struct Queue {
        var jobs: [@Sendable () -> Void] = []
        var finished = false
    }

    private let queue = Mutex(Queue())
    private let ready = DispatchSemaphore(value: 0)

    package init(name: String) {
        // The thread keeps this object alive until it ends.
        let thread = Thread { [self] in runJobs() }
        thread.name = name
        thread.start()
    }

    private func runJobs() {
        while true {
            ready.wait()
            let job: (@Sendable () -> Void)? = queue.withLock { state in
                state.jobs.isEmpty ? nil : state.jobs.removeFirst()
            }
            guard let job else { return } // finished, and nothing left to run
            job()
        }
    }

    /// Runs `job` on the thread after the jobs before it, and returns what it returns.
    package func run<T: Sendable>(_ job: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            enqueue { continuation.resume(with: Result(catching: job)) }
        }
    }

    /// Queues `job` without waiting for it.
    package func enqueue(_ job: @escaping @Sendable () -> Void) {
        let accepted = queue.withLock { state in
            guard !state.finished else { return false }
            state.jobs.append(job)
            return true
        }
        precondition(accepted, "a job was queued on a connection thread after it finished")
        ready.signal()
    }

    /// Lets the thread end once the jobs already queued have run.
    package func finish() {
        queue.withLock { $0.finished = true }
        ready.signal()
    }
}
