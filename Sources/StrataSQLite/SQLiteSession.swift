import Foundation
import Strata
import Synchronization

/// One connection to an SQLite database file, with Strata's lock row and catalog queries.
final class SQLiteSession: DatabaseSession, Sendable {
    let connection: SQLiteConnection
    let dialect: any Dialect = SQLiteDialect()
    let user: String
    var schema: String? { nil }
    /// The file, as the URL named it.
    let path: String
    /// Identifies this session's lock row.
    let lockToken = UUID().uuidString
    /// The lock table this session holds a row in, if any.
    let heldLockTable = Mutex<TableReference?>(nil)

    /// How long a statement waits for another connection's write lock on the file.
    static let busyTimeoutMilliseconds: Int32 = 5000

    init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
        self.user = ProcessInfo.processInfo.environment["USER"] ?? "sqlite"
    }

    /// Opens the file (creating it when the request allows) with a busy
    /// timeout, and with foreign keys enforced.
    static func connect(_ request: ConnectionRequest) async throws -> SQLiteSession {
        let path = try Self.path(of: request.url)
        let missing = path != ":memory:" && !FileManager.default.fileExists(atPath: path)
        if missing, request.whenMissing == .fail {
            throw DatabaseError(
                kind: .connection, message: "\(path) does not exist", hint: "check the file path in the SQLite URL")
        }
        // A run that changes nothing sees a missing file as the empty database it would be.
        let inMemory = path == ":memory:" || (missing && request.whenMissing == .readAsEmpty)
        let connection = try await SQLiteConnection.open(path: inMemory ? ":memory:" : path, create: true)
        let session = SQLiteSession(connection: connection, path: path)
        do {
            try await connection.perform { $0.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds) }
            try await session.execute("PRAGMA foreign_keys = ON")
            // Reads the first page: a file that is no SQLite database fails here, not in the first query.
            _ = try await session.query("SELECT count(*) FROM sqlite_master")
        } catch let error as DatabaseError {
            await session.close()
            let hint = switch error.code {
            case "SQLITE_NOTADB": "\(path) is not an SQLite database file: check the SQLite URL"
            case "SQLITE_BUSY": "another connection holds \(path)'s write lock (a deploy in progress?): run the command again when it is done"
            default: error.hint
            }
            throw DatabaseError(kind: .connection, message: "\(path): \(error.message)", code: error.code, hint: hint)
        }
        return session
    }

    /// Parameters an SQLite URL may carry: Prisma's pool settings, which
    /// mean nothing to one connection and are ignored.
    static let ignoredParameters: Set<String> = ["connection_limit", "socket_timeout", "pool_timeout"]

    /// `sqlite:app.db`, `sqlite:///abs/app.db`, `sqlite://app.db`, `sqlite::memory:`.
    /// A parameter other than Prisma's pool settings is an error: a typo must not pass silently.
    static func path(of url: DatabaseURL) throws -> String {
        if let unknown = url.parameters.first(where: { !ignoredParameters.contains($0.name) }) {
            throw ConfigurationError(
                "the SQLite URL has a parameter SQLite does not take: `\(unknown.name)`",
                nextStep: "remove it; SQLite URLs take none but Prisma's " + ignoredParameters.sorted().joined(separator: ", ")
                    + " (ignored)")
        }
        let path = url.isHierarchical ? (url.host ?? "") + url.path : url.path
        guard !path.isEmpty else {
            throw ConfigurationError(
                "the SQLite URL names no file",
                nextStep: "write sqlite:path/to/file.db, sqlite:///absolute/path.db or sqlite::memory:")
        }
        return path
    }

    /// Runs `sql`; a `PRAGMA foreign_key_check` that lists rows fails (``SQLiteForeignKeyCheck``).
    func execute(_ sql: String) async throws {
        guard SQLiteForeignKeyCheck.isCheck(sql) else { return try await connection.execute(sql) }
        if let failure = SQLiteForeignKeyCheck.failure(try await connection.query(sql)) { throw failure }
    }

    func query(_ sql: String) async throws -> [DatabaseRow] {
        try await connection.query(sql)
    }

    /// Binds `?1`, `?2`, ... to `parameters`.
    func query(_ sql: String, parameters: [DatabaseValue]) async throws -> [DatabaseRow] {
        try await connection.query(sql, parameters: parameters)
    }

    func execute(_ sql: String, parameters: [DatabaseValue]) async throws -> Int {
        try await connection.execute(sql, parameters: parameters)
    }

    /// All statements in one call on the connection's thread.
    func executeBatch(_ statements: [String]) async throws {
        try await connection.perform { handle in
            for (index, statement) in statements.enumerated() {
                do {
                    guard SQLiteForeignKeyCheck.isCheck(statement) else {
                        try handle.run(statement)
                        continue
                    }
                    var rows: [DatabaseRow] = []
                    try handle.run(statement) { rows.append($0) }
                    if let failure = SQLiteForeignKeyCheck.failure(rows) { throw failure }
                } catch let error as DatabaseError {
                    throw StatementBatchError(index: index, error: error)
                }
            }
        }
    }

    func close() async {
        await connection.close()
    }
}
