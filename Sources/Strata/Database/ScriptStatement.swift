/// One statement of a migration script, as a dialect split it out.
public struct ScriptStatement: Sendable, Equatable {
    /// The text sent to the database: from its first token up to, not
    /// including, the terminating `;`.
    public var sql: String

    /// Where the statement's first token starts in the script, in UTF-8 bytes.
    public var byteOffset: Int

    /// Whether the statement may run inside a transaction.
    public var requirement: TransactionRequirement

    /// Whether the statement leaves the session changed after its transaction
    /// (PostgreSQL: `SET` without `LOCAL`, `set_config(..., false)`, a
    /// temporary object, `PREPARE`, `LISTEN`, a cursor `WITH HOLD`). The next
    /// migration then starts from a reset session, as with psql, which gives
    /// every file a new one.
    public var changesSession: Bool

    /// How the catalog shows whether it took effect, for statements that run
    /// outside a transaction and may be left half done (see ``CatalogCheck``).
    public var catalogCheck: CatalogCheck?

    /// What the statement does, as the parser read it, for the linter.
    public var facts: StatementFacts

    public init(
        sql: String, byteOffset: Int, requirement: TransactionRequirement = .none, changesSession: Bool = false,
        catalogCheck: CatalogCheck? = nil, facts: StatementFacts = StatementFacts()
    ) {
        self.sql = sql
        self.byteOffset = byteOffset
        self.requirement = requirement
        self.changesSession = changesSession
        self.catalogCheck = catalogCheck
        self.facts = facts
    }
}

/// What a statement demands of the transaction around it.
public enum TransactionRequirement: Sendable, Equatable {
    /// It may run inside or outside a transaction.
    case none
    /// The database refuses it inside a transaction block; `reason` says why,
    /// in the words a user would search for (e.g. `CREATE INDEX CONCURRENTLY`).
    case mustRunOutsideTransaction(reason: String)
    /// A session switch the database ignores inside a transaction block
    /// (SQLite's `PRAGMA foreign_keys`). At the start of a script it runs
    /// just before the transaction opens and at its end just after it
    /// closes, so the statements between stay one transaction, as SQLite's
    /// own recipe for table rebuilds has it; anywhere else the script runs
    /// statement by statement.
    case aroundTransaction(reason: String)
    /// It opens or ends a transaction itself (`BEGIN`, `COMMIT`, `ROLLBACK`).
    case controlsTransaction(TransactionControl)
}

/// A statement that opens or closes a transaction block.
public enum TransactionControl: String, Sendable, Equatable {
    case begin = "BEGIN"
    case commit = "COMMIT"
    case rollback = "ROLLBACK"
}

/// A script that is not valid SQL for the dialect, found before anything ran.
public struct ScriptSyntaxError: Error, Sendable, Equatable {
    /// The parser's own message.
    public var message: String
    /// Where the parser stopped, in UTF-8 bytes from the start of the script.
    public var byteOffset: Int?
    /// What the user can do about it.
    public var hint: String?

    public init(message: String, byteOffset: Int?, hint: String? = nil) {
        self.message = message
        self.byteOffset = byteOffset
        self.hint = hint
    }
}
