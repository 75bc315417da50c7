/// The run was cancelled (Ctrl-C, `SIGTERM`, or the caller cancelled its
/// task) before a migration started: the ones before it are done, none is
/// half-applied.
///
/// A cancellation that arrives while a migration runs stops its statement
/// on the server and is reported as that migration's failure
/// (``MigrationFailedError``), with what took effect.
public struct InterruptedError: StrataError {
    /// `deploy`, `down` or `reset`; `nil` when nothing had started.
    public var operation: String?
    /// Migrations that completed before the interruption, in order.
    public var completed: [String]
    /// Migrations that were to run and did not.
    public var notRun: [String]

    public init(operation: String? = nil, completed: [String] = [], notRun: [String] = []) {
        self.operation = operation
        self.completed = completed
        self.notRun = notRun
    }

    public var summary: String {
        guard let operation, !completed.isEmpty || !notRun.isEmpty else { return "interrupted before anything changed" }
        let total = completed.count + notRun.count
        return "interrupted: \(operation) stopped after \(completed.count) of \(total) migration\(total == 1 ? "" : "s")"
    }

    public var details: [String] {
        var lines: [String] = []
        if !completed.isEmpty { lines.append("done: " + Self.list(completed)) }
        if !notRun.isEmpty { lines.append("not run: " + Self.list(notRun)) }
        return lines
    }

    public var nextStep: String? {
        guard let operation, !notRun.isEmpty else { return "run the command again when you are ready" }
        return "run `strata migrate \(operation)` again for the rest; no migration is half-applied"
    }

    public var exitStatus: ExitStatus { .interrupted }

    private static func list(_ names: [String]) -> String {
        names.count <= 5 ? names.joined(separator: ", ") : names.prefix(4).joined(separator: ", ") + ", ... \(names.last!) (\(names.count))"
    }
}
