import Foundation
import Strata
import StrataSQLite
import Synchronization

/// SQLite spoken with other words: identifiers in `[brackets]`, literals
/// as `('' || 'text')`, transactions as `BEGIN DEFERRED TRANSACTION` /
/// `COMMIT TRANSACTION` / `ROLLBACK TRANSACTION`, a differently spelled
/// clock, a marked `DROP TABLE IF EXISTS`. All valid SQLite, so a run
/// through it is a real run on a real file; any SQL the engine writes
/// without asking the dialect shows up in ``BracketSession/sent``.
struct BracketDialect: Dialect {
    private let sqlite = SQLiteDialect()

    var name: String { "Bracket SQLite" }
    func quoteIdentifier(_ identifier: String) -> String { "[" + identifier.replacingOccurrences(of: "]", with: "]]") + "]" }
    func quoteLiteral(_ text: String) -> String { "('' || " + sqlite.quoteLiteral(text) + ")" }
    func placeholder(_ index: Int) -> String { sqlite.placeholder(index) }
    func split(script: String) throws -> [ScriptStatement] { try sqlite.split(script: script) }
    var supportsTransactionalDDL: Bool { true }
    var supportsSchemas: Bool { false }
    var beginTransactionSQL: String { "BEGIN DEFERRED TRANSACTION" }
    var commitSQL: String { "COMMIT TRANSACTION" }
    var rollbackSQL: String { "ROLLBACK TRANSACTION" }
    func dropTableIfExistsSQL(_ table: TableReference) -> String { "DROP TABLE IF EXISTS \(qualified(table)) /* bracket */" }
    var historyColumnTypes: HistoryColumnTypes { sqlite.historyColumnTypes }
    var currentTimestampSQL: String { "strftime('%Y-%m-%d %H:%M:%f', 'now', '+0 seconds')" }
    var transactionStartTimestampSQL: String? { nil }
    var deferredFlushSQL: String? { nil }
    func isAlreadyExists(_ error: DatabaseError) -> Bool { sqlite.isAlreadyExists(error) }
    func lockTimeoutSQL(_ timeout: Duration?, inTransaction: Bool) -> String? { nil }
    func millisecondsSince(_ column: String) -> String { sqlite.millisecondsSince(column) }
}

/// A real SQLite session that reports ``BracketDialect`` and keeps every
/// SQL text the engine sent through it (the driver's own catalog and lock
/// SQL stay inside the SQLite session).
final class BracketSession: Database {
    private let inner: any Database
    private let log = Mutex<[String]>([])

    init(_ inner: any Database) { self.inner = inner }

    /// Everything sent through `execute`, `query` and `executeBatch`, in order.
    var sent: [String] { log.withLock { $0 } }

    let dialect: any Dialect = BracketDialect()
    var user: String { inner.user }
    var schema: String? { inner.schema }

    func execute(_ sql: String) async throws {
        log.withLock { $0.append(sql) }
        try await inner.execute(sql)
    }

    func query(_ sql: String) async throws -> [DatabaseRow] {
        log.withLock { $0.append(sql) }
        return try await inner.query(sql)
    }

    func query(_ sql: String, parameters: [DatabaseValue]) async throws -> [DatabaseRow] {
        log.withLock { $0.append(sql) }
        return try await inner.query(sql, parameters: parameters)
    }

    func execute(_ sql: String, parameters: [DatabaseValue]) async throws -> Int {
        log.withLock { $0.append(sql) }
        return try await inner.execute(sql, parameters: parameters)
    }

    func executeBatch(_ statements: [String]) async throws {
        log.withLock { $0 += statements }
        try await inner.executeBatch(statements)
    }

    func close() async { await inner.close() }

    func acquireMigrationLock(
        for table: TableReference, timeout: Duration, onWait: @escaping @Sendable (LockHolder) -> Void
    ) async throws {
        try await inner.acquireMigrationLock(for: table, timeout: timeout, onWait: onWait)
    }

    func releaseMigrationLock() async throws { try await inner.releaseMigrationLock() }
    func migrationLockSQL(for table: TableReference) -> String { inner.migrationLockSQL(for: table) }
    func tableExists(_ table: TableReference) async throws -> Bool { try await inner.tableExists(table) }
    func schemaExists(_ schema: String) async throws -> Bool { try await inner.schemaExists(schema) }
    func resetPlan(historyTable: TableReference) async throws -> ResetPlan { try await inner.resetPlan(historyTable: historyTable) }
}

/// SQLite files opened as ``BracketSession``s; `sessions` keeps each one opened.
final class BracketDriver: Sendable {
    private let opened = Mutex<[BracketSession]>([])

    var sessions: [BracketSession] { opened.withLock { $0 } }

    /// Every SQL text sent through any session, in the order the sessions opened.
    var sent: [String] { sessions.flatMap(\.sent) }

    var driver: DatabaseDriver {
        DatabaseDriver(name: "Bracket SQLite", schemes: ["sqlite"], prismaProviders: ["sqlite"], dialect: BracketDialect()) {
            [self] request in
            let session = BracketSession(try await DatabaseDriver.sqlite.connect(request))
            opened.withLock { $0.append(session) }
            return session
        }
    }
}
