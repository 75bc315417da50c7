/// The connection to the database broke while a migration ran (the server
/// crashed or restarted, the session was terminated, the network failed):
/// whether that migration took effect is known to the server alone now.
///
/// A migration in a transaction is committed or rolled back by the server
/// together with its history row, so the history tells the truth once the
/// server answers again; `status` shows it.
public struct ConnectionLostError: StrataError {
    /// The migration that was running.
    public var migration: String
    /// `deploy` or `down`.
    public var operation: String
    public var underlying: DatabaseError
    /// Whether the migration ran in one transaction with its history row.
    public var transactional: Bool
    /// Statements known to have taken effect, for a migration run statement by statement.
    public var statementsInEffect: Int
    public var statementCount: Int
    /// Migrations this run completed before, whose commits were not yet
    /// flushed to disk (see ``Dialect/deferredFlushSQL``): a server
    /// crash may have lost them too, with their history rows.
    public var unflushed: [String] = []

    public init(
        migration: String, operation: String, underlying: DatabaseError, transactional: Bool,
        statementsInEffect: Int = 0, statementCount: Int
    ) {
        self.migration = migration
        self.operation = operation
        self.underlying = underlying
        self.transactional = transactional
        self.statementsInEffect = statementsInEffect
        self.statementCount = statementCount
    }

    public var summary: String {
        "the connection to the database was lost during \(migration)"
    }

    public var details: [String] {
        var lines = ["database: " + underlying.description]
        if transactional {
            lines.append("\(migration) ran in one transaction with its history row: the server commits both or neither")
        } else {
            lines.append("\(migration) ran statement by statement: \(statementsInEffect) of \(statementCount) had taken effect before, "
                + "the statement running then may have too")
        }
        if !unflushed.isEmpty {
            lines.append("done before it in this run: \(unflushed.joined(separator: ", ")); commits are flushed to disk at the "
                + "end of a run, so after a server crash these may be gone too, each with its history row")
        }
        return lines
    }

    public var nextStep: String? {
        let settle = transactional ? "" : "; if it shows \(migration) as running, `strata migrate resolve` settles it"
        return "once the database answers again, run `strata migrate status` to see what took effect\(settle), then `strata migrate \(operation)` again"
    }

    public var exitStatus: ExitStatus { .migrationFailed }
}
