import Foundation
import Logging
import SQLiteNIO
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

    static let logger = Logger(label: "strata.sqlite", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
        self.user = ProcessInfo.processInfo.environment["USER"] ?? "sqlite"
    }

    /// Opens the file (creating it when missing) with a busy timeout instead of
    /// sqlite-nio's endless retry, and with foreign keys enforced.
    static func connect(_ request: ConnectionRequest) async throws -> SQLiteSession {
        let path = try Self.path(of: request.url)
        // A run that changes nothing sees a missing file as the empty database it would be.
        let inMemory = path == ":memory:" || (!request.createIfMissing && !FileManager.default.fileExists(atPath: path))
        let connection: SQLiteConnection
        do {
            connection = try await SQLiteConnection.open(storage: inMemory ? .memory : .file(path: path), logger: logger)
        } catch let error as SQLiteError {
            throw DatabaseError(kind: .connection, message: "\(path): \(error.message)", code: error.code)
        }
        let session = SQLiteSession(connection: connection, path: path)
        do {
            try await session.execute("PRAGMA busy_timeout = 5000")
            try await session.execute("PRAGMA foreign_keys = ON")
        } catch let error as DatabaseError {
            await session.close()
            throw DatabaseError(kind: .connection, message: "\(path): \(error.message)", code: error.code)
        }
        return session
    }

    /// `sqlite:app.db`, `sqlite:///abs/app.db`, `sqlite://app.db`, `sqlite::memory:`.
    static func path(of url: DatabaseURL) throws -> String {
        let path = url.isHierarchical ? (url.host ?? "") + url.path : url.path
        guard !path.isEmpty else {
            throw ConfigurationError(
                "the SQLite URL names no file",
                nextStep: "write sqlite:path/to/file.db, sqlite:///absolute/path.db or sqlite::memory:")
        }
        return path
    }

    func execute(_ sql: String) async throws {
        do {
            try await connection.query(sql, []) { _ in }
        } catch let error as SQLiteError {
            throw DatabaseError(sqlite: error)
        }
    }

    func query(_ sql: String) async throws -> [DatabaseRow] {
        let rows = Mutex<[DatabaseRow]>([])
        do {
            try await connection.query(sql, []) { row in
                let columns = row.columns
                let converted = DatabaseRow(columns: columns.map(\.name), values: columns.map { Self.value($0.data) })
                rows.withLock { $0.append(converted) }
            }
        } catch let error as SQLiteError {
            throw DatabaseError(sqlite: error)
        }
        return rows.withLock { $0 }
    }

    func close() async {
        try? await connection.close()
    }

    private static func value(_ data: SQLiteData) -> DatabaseValue {
        switch data {
        case .integer(let value): .integer(Int64(value))
        case .float(let value): .real(value)
        case .text(let value): .text(value)
        case .blob(let buffer): .text(String(buffer: buffer))
        case .null: .null
        }
    }
}

extension SQLiteError {
    /// SQLite's result code name, e.g. `SQLITE_CONSTRAINT`.
    var code: String {
        "SQLITE_" + String(describing: reason).uppercased()
    }
}

extension DatabaseError {
    init(sqlite error: SQLiteError) {
        let kind: Kind = switch error.reason {
        case .busy, .locked: .lockNotAvailable
        case .cantOpen, .notADatabase: .connection
        default: .statement
        }
        self.init(kind: kind, message: error.message, code: error.code)
    }
}
