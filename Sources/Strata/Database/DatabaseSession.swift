/// A live connection to one database: the seam every database module fills.
///
/// A module implements ``DatabaseSession``, ``MigrationLocking`` and
/// ``SchemaCatalog`` on one type and hands it out through a ``DatabaseDriver``;
/// the engine sees only these protocols (`Database`).
public protocol DatabaseSession: AnyObject, Sendable {
    /// How this database writes SQL.
    var dialect: any Dialect { get }

    /// The database user the session runs as; recorded in the history.
    var user: String { get }

    /// The schema migrations target and the history table lives in, or `nil`
    /// where the database has no schemas.
    var schema: String? { get }

    /// Runs one statement and discards any rows. Throws ``DatabaseError``.
    func execute(_ sql: String) async throws

    /// Runs one statement and returns its rows. Throws ``DatabaseError``.
    func query(_ sql: String) async throws -> [DatabaseRow]

    /// Runs one statement with bind parameters (``SQLSpelling/placeholder(_:)``
    /// in the SQL), sent apart from it, never spliced in; returns its rows.
    ///
    /// ```swift
    /// let next = try await session.query(
    ///     "SELECT id FROM users WHERE id > \(dialect.placeholder(1)) ORDER BY id LIMIT \(dialect.placeholder(2))",
    ///     parameters: [.integer(lastID), .integer(1000)])
    /// ```
    func query(_ sql: String, parameters: [DatabaseValue]) async throws -> [DatabaseRow]

    /// Runs one statement with bind parameters and returns how many rows it
    /// changed (inserted, updated or deleted); rows it returns are discarded.
    func execute(_ sql: String, parameters: [DatabaseValue]) async throws -> Int

    /// Runs statements in order. A database that can pipeline them
    /// (PostgreSQL) sends them all before reading the answers, so a
    /// transaction costs one round trip instead of one per statement.
    /// Throws ``StatementBatchError`` for the first that failed; later ones
    /// may have been sent too (inside a transaction they then fail as well,
    /// and a `COMMIT` among them rolls back).
    func executeBatch(_ statements: [String]) async throws

    /// Runs statements with bind parameters in order and returns what each
    /// did. A database that can pipeline them (PostgreSQL) sends them all
    /// before reading the answers: a transaction of bound statements, and a
    /// read after it, cost one round trip. Throws ``StatementBatchError`` for
    /// the first that failed (the rest are skipped); inside a transaction
    /// the caller rolls back.
    func executePipeline(_ statements: [BoundStatement]) async throws -> [StatementResult]

    /// Closes the connection, releasing anything it holds.
    func close() async
}

extension DatabaseSession {
    /// One statement after another, each awaited.
    public func executeBatch(_ statements: [String]) async throws {
        for (index, statement) in statements.enumerated() {
            do {
                try await execute(statement)
            } catch let error as DatabaseError {
                throw StatementBatchError(index: index, error: error)
            }
        }
    }
}

extension DatabaseSession {
    /// One statement after another, each awaited.
    public func executePipeline(_ statements: [BoundStatement]) async throws -> [StatementResult] {
        var results: [StatementResult] = []
        for (index, statement) in statements.enumerated() {
            do {
                if statement.returnsRows {
                    results.append(StatementResult(rows: try await query(statement.sql, parameters: statement.parameters), changedRows: 0))
                } else {
                    results.append(StatementResult(rows: [], changedRows: try await execute(statement.sql, parameters: statement.parameters)))
                }
            } catch let error as DatabaseError {
                throw StatementBatchError(index: index, error: error)
            }
        }
        return results
    }
}

/// What one statement of a pipeline did.
public struct StatementResult: Sendable {
    /// Its rows (for a statement that returns rows).
    public var rows: [DatabaseRow]
    /// How many rows it inserted, updated or deleted.
    public var changedRows: Int

    public init(rows: [DatabaseRow], changedRows: Int) {
        self.rows = rows
        self.changedRows = changedRows
    }
}

/// A statement and the values of its placeholders.
public struct BoundStatement: Sendable {
    public var sql: String
    public var parameters: [DatabaseValue]
    /// Whether its rows are wanted (a `SELECT`), not only its count of changed rows.
    public var returnsRows: Bool
    /// Whether the session runs the same text many times (a backfill's batch,
    /// with new values each time): a database that can (PostgreSQL) then
    /// prepares it once and skips parsing it again.
    public var isRepeated: Bool

    public init(_ sql: String, parameters: [DatabaseValue] = [], returnsRows: Bool = false, repeated: Bool = false) {
        self.sql = sql
        self.parameters = parameters
        self.returnsRows = returnsRows
        self.isRepeated = repeated
    }
}

/// The statement of a batch that failed, and how.
public struct StatementBatchError: Error, Sendable {
    /// Its position in the batch.
    public var index: Int
    public var error: DatabaseError

    public init(index: Int, error: DatabaseError) {
        self.index = index
        self.error = error
    }
}

/// The lock that lets one runner at a time apply migrations.
public protocol MigrationLocking: Sendable {
    /// Waits until this session holds the migration lock for `table`, polling
    /// without holding a transaction open, and reports each holder it waits for.
    ///
    /// - Throws: ``LockTimeoutError`` when `timeout` passes first.
    func acquireMigrationLock(
        for table: TableReference, timeout: Duration, onWait: @escaping @Sendable (LockHolder) -> Void
    ) async throws

    /// Releases the lock taken by ``acquireMigrationLock(for:timeout:onWait:)``.
    func releaseMigrationLock() async throws

    /// The SQL the lock is taken with, shown as a comment by `--dry-run`.
    func migrationLockSQL(for table: TableReference) -> String

    /// A statement that fails when a server session other than the one it
    /// runs in holds the migration lock for `table` (and keeps anyone from
    /// taking it until its transaction ends), or `nil` where a lock cannot
    /// move away (SQLite). Strata runs it inside every transaction it writes
    /// under the lock: a connection pooler in transaction mode (PgBouncer)
    /// may hand each transaction to a different server session, where the
    /// lock does not hold. Its failure is recognised by
    /// ``isMigrationLockCheckFailure(_:)``.
    func migrationLockCheckSQL(for table: TableReference) -> String?

    /// Whether `error` is the failure of ``migrationLockCheckSQL(for:)``.
    func isMigrationLockCheckFailure(_ error: DatabaseError) -> Bool
}

extension MigrationLocking {
    public func migrationLockCheckSQL(for table: TableReference) -> String? { nil }
    public func isMigrationLockCheckFailure(_ error: DatabaseError) -> Bool { false }
}

/// What the engine needs to know about the objects in the database.
public protocol SchemaCatalog: Sendable {
    /// Whether the table exists.
    func tableExists(_ table: TableReference) async throws -> Bool

    /// Whether the schema exists (only asked where the dialect has schemas).
    func schemaExists(_ schema: String) async throws -> Bool

    /// The statements that drop every object the session's user owns in the
    /// target schema (SQLite: every table), for `migrate reset`. The lock
    /// bookkeeping of `historyTable` survives, so the lock stays held.
    func resetPlan(historyTable: TableReference) async throws -> ResetPlan

    /// The statements that empty the database for reuse as a shadow: the
    /// other schemas the user owns dropped, and the target schema reset.
    func clearPlan() async throws -> ResetPlan

    /// The other sessions holding locks on what `statement` touches, with
    /// what they run and for how long: asked after a statement gave up
    /// waiting for a lock. Empty where the database cannot tell.
    func lockHolders(blocking statement: String) async throws -> [LockHolder]

    /// What the catalog shows of a statement's effect; `nil` where the
    /// database cannot tell.
    func effect(of check: CatalogCheck) async throws -> CatalogEffect?
}

extension SchemaCatalog {
    /// Where the database has no schemas, emptying it is resetting it.
    public func clearPlan() async throws -> ResetPlan {
        try await resetPlan(historyTable: TableReference(name: Configuration.defaultHistoryTable))
    }

    public func lockHolders(blocking statement: String) async throws -> [LockHolder] { [] }
    public func effect(of check: CatalogCheck) async throws -> CatalogEffect? { nil }
}

/// What `reset` runs to drop everything, and how many objects that is.
public struct ResetPlan: Sendable {
    public var statements: [String]
    /// The objects the statements drop (tables, views, types, ...).
    public var objectCount: Int

    public init(statements: [String], objectCount: Int) {
        self.statements = statements
        self.objectCount = objectCount
    }
}

/// Everything the engine asks of a database.
public typealias Database = DatabaseSession & MigrationLocking & SchemaCatalog

/// Who holds the migration lock while another runner waits.
public struct LockHolder: Sendable, Equatable, CustomStringConvertible {
    /// A one-line description, e.g. `pid 4711 (strata alice@ci-7), connected since 12:00:01`.
    public var description: String

    public init(description: String) {
        self.description = description
    }
}
