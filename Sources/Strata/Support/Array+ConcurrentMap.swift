import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` spread over the machine's cores, results in the elements' order.
    ///
    /// Every element is transformed; when some fail, the error of the first
    /// failing element (by position) is thrown, as a sequential `map` would.
    package func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        let workers = Swift.min(count, Cores.active)
        guard workers > 1 else { return try map(transform) }
        let slots = UnsafeMutableBufferPointer<Result<T, any Error>?>.allocate(capacity: count)
        slots.initialize(repeating: nil)
        defer {
            slots.deinitialize()
            slots.deallocate()
        }
        // Each index is written by exactly one worker and read after all have finished.
        nonisolated(unsafe) let results = slots
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in Swift.stride(from: worker, to: count, by: workers) {
                results[index] = Result { try transform(self[index]) }
            }
        }
        return try slots.map { try $0!.get() }
    }
}

/// The cores this process may use, read once: Foundation reads the cgroup's
/// CPU limit from files on every `activeProcessorCount` call.
package enum Cores {
    package static let active = ProcessInfo.processInfo.activeProcessorCount
}
