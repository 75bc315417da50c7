import Synchronization

/// The migrations a run finished, in order, for the JSON report of a
/// failure that stops the run later (``FailureJSON``).
final class RunProgress: Sendable {
    static let shared = RunProgress()
    private let names = Mutex<[String]>([])

    func finished(_ name: String) {
        names.withLock { $0.append(name) }
    }

    var done: [String] { names.withLock { $0 } }
}
