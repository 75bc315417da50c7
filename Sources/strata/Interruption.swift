import Dispatch
import Foundation
import Strata
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Ctrl-C (`SIGINT`) and `SIGTERM` cancel the running command's task: the
/// statement in flight is cancelled on the server, what took effect is
/// recorded in the history, and the migration lock is released. A second
/// signal ends the process at once, with exit status 130.
enum Interruption {
    private static let signals = Atomic<Int>(0)

    /// Runs `body` in a task that the signals cancel.
    static func cancellingOnSignals(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let task = Task { try await body() }
        let sources = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { received(cancelling: task) }
            source.resume()
            return source
        }
        defer { sources.forEach { $0.cancel() } }
        try await task.value
    }

    private static func received(cancelling task: Task<Void, any Error>) {
        guard signals.wrappingAdd(1, ordering: .relaxed).oldValue == 0 else {
            Console.shared.note("interrupted again: quitting without waiting")
            _exit(ExitStatus.interrupted.rawValue)
        }
        Console.shared.note("interrupting: stopping the statement in flight and recording what took effect "
            + "(press Ctrl-C again to quit at once)")
        task.cancel()
    }
}
