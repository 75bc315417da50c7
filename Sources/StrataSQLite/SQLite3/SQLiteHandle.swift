import CSQLite
import Foundation
import Strata

/// One `sqlite3` connection, used only from its ``ConnectionThread`` (but
/// for ``interrupt()``, which SQLite allows from any thread).
final class SQLiteHandle: @unchecked Sendable {
    let db: OpaquePointer

    private init(db: OpaquePointer) {
        self.db = db
    }

    /// Opens `path` (`:memory:` for a private in-memory database), creating
    /// the file when `create` says so, and configures the connection as the
    /// sqlite3 shell does: double-quoted strings are accepted as literals
    /// where no such column exists (`SQLITE_DBCONFIG_DQS_DML`/`_DDL`), which
    /// real histories rely on (`DEFAULT "x"`, `SET category = "internal"`).
    static func open(path: String, create: Bool) throws -> SQLiteHandle {
        var db: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite3_open_v2(path, &db, flags, nil)
        guard let db else {
            throw DatabaseError(kind: .connection, message: "\(path): out of memory", code: "SQLITE_NOMEM")
        }
        guard status == SQLITE_OK else {
            let folder = (path as NSString).deletingLastPathComponent
            let hint = status == SQLITE_CANTOPEN
                ? "check that the folder \(folder.isEmpty ? "." : folder) exists and that you may write there, or fix the SQLite URL"
                : "check that \(path) is an SQLite database file, or fix the SQLite URL"
            let error = DatabaseError(
                kind: .connection, message: "\(path): \(String(cString: sqlite3_errmsg(db)))", code: Self.codeName(status), hint: hint)
            sqlite3_close_v2(db)
            throw error
        }
        _ = strata_sqlite3_db_config_flag(db, SQLITE_DBCONFIG_DQS_DML, 1)
        _ = strata_sqlite3_db_config_flag(db, SQLITE_DBCONFIG_DQS_DDL, 1)
        return SQLiteHandle(db: db)
    }

    /// Waits up to `milliseconds` for another connection's lock before `SQLITE_BUSY`.
    /// Replaces the (in-memory) main database with the database file `image`.
    func deserialize(_ image: Data) throws {
        let size = Int64(image.count)
        guard let buffer = sqlite3_malloc64(UInt64(max(size, 1)))?.assumingMemoryBound(to: UInt8.self) else {
            throw DatabaseError(kind: .connection, message: "out of memory reading a database image", code: "SQLITE_NOMEM")
        }
        image.copyBytes(to: buffer, count: image.count)
        let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE)
        let status = sqlite3_deserialize(db, "main", buffer, size, size, flags)
        guard status == SQLITE_OK else { throw error(status, sql: [0], at: nil) }
    }

    func setBusyTimeout(milliseconds: Int32) {
        sqlite3_busy_timeout(db, milliseconds)
    }

    /// Runs every statement of `sql` in order, handing each row to `onRow`.
    /// Throws ``DatabaseError`` with the 1-based character position of the
    /// error inside `sql` where SQLite gives one.
    func run(_ sql: String, onRow: ((DatabaseRow) -> Void)? = nil) throws {
        var bytes = Array(sql.utf8)
        bytes.append(0)
        try bytes.withUnsafeBufferPointer { buffer in
            let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let end = buffer.count - 1
            var offset = 0
            while offset < end {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let status = sqlite3_prepare_v2(db, start + offset, Int32(end - offset), &statement, &tail)
                guard status == SQLITE_OK else {
                    let errorOffset = Int(sqlite3_error_offset(db))
                    throw error(status, sql: bytes, at: errorOffset >= 0 ? offset + errorOffset : nil)
                }
                let next = tail.map { $0 - start } ?? end
                defer { offset = next }
                guard let statement else { continue } // only whitespace or comments
                defer { sqlite3_finalize(statement) }
                try step(statement, sql: bytes, onRow: onRow)
            }
        }
    }

    /// Runs one statement with its parameters bound (`?1`, `?2`, ...; the
    /// values never become SQL text), handing each row to `onRow`.
    func run(_ sql: String, parameters: [DatabaseValue], onRow: ((DatabaseRow) -> Void)? = nil) throws {
        var bytes = Array(sql.utf8)
        bytes.append(0)
        try bytes.withUnsafeBufferPointer { buffer in
            let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            var statement: OpaquePointer?
            let status = sqlite3_prepare_v2(db, start, Int32(buffer.count - 1), &statement, nil)
            guard status == SQLITE_OK, let statement else {
                let errorOffset = Int(sqlite3_error_offset(db))
                throw error(status == SQLITE_OK ? SQLITE_MISUSE : status, sql: bytes, at: errorOffset >= 0 ? errorOffset : nil)
            }
            defer { sqlite3_finalize(statement) }
            for (offset, value) in parameters.enumerated() {
                let index = Int32(offset + 1)
                let bound: Int32 = switch value {
                case .null: sqlite3_bind_null(statement, index)
                case .integer(let number): sqlite3_bind_int64(statement, index, number)
                case .real(let number): sqlite3_bind_double(statement, index, number)
                case .boolean(let flag): sqlite3_bind_int64(statement, index, flag ? 1 : 0)
                case .text(let text): sqlite3_bind_text(statement, index, text, -1, Self.transient)
                case .timestamp(let date): sqlite3_bind_text(statement, index, Timestamp.formatMicroseconds(date), -1, Self.transient)
                case .blob(let data): data.withUnsafeBytes { sqlite3_bind_blob(statement, index, $0.baseAddress, Int32($0.count), Self.transient) }
                }
                guard bound == SQLITE_OK else { throw error(bound, sql: bytes, at: nil) }
            }
            try step(statement, sql: bytes, onRow: onRow)
        }
    }

    /// How many rows the last INSERT, UPDATE or DELETE changed (`sqlite3_changes64`).
    var changedRows: Int { Int(sqlite3_changes64(db)) }

    /// SQLite copies a bound value it is handed with this destructor.
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    /// The first syntax error in `sql`, without running anything: its
    /// message and byte offset (or `nil`). Name resolution is not judged
    /// (missing tables and columns), as the schema is not here; the check
    /// stops at the first statement that fails to prepare for such a reason.
    func syntaxError(in sql: String) -> (message: String, byteOffset: Int?)? {
        var bytes = Array(sql.utf8)
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { buffer in
            let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
            let end = buffer.count - 1
            var offset = 0
            while offset < end {
                var statement: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let status = sqlite3_prepare_v2(db, start + offset, Int32(end - offset), &statement, &tail)
                sqlite3_finalize(statement)
                guard status == SQLITE_OK else {
                    let message = String(cString: sqlite3_errmsg(db))
                    guard Self.isSyntaxError(message) else { return nil }
                    let errorOffset = Int(sqlite3_error_offset(db))
                    return (message, errorOffset >= 0 ? offset + errorOffset : nil)
                }
                offset = tail.map { $0 - start } ?? end
            }
            return nil
        }
    }

    /// Stops the statement running now (from any thread); it fails with `SQLITE_INTERRUPT`.
    func interrupt() {
        sqlite3_interrupt(db)
    }

    func close() {
        sqlite3_close_v2(db)
    }

    /// Whether the connection is inside a transaction it opened.
    var inTransaction: Bool {
        sqlite3_get_autocommit(db) == 0
    }

    private func step(_ statement: OpaquePointer, sql: [UInt8], onRow: ((DatabaseRow) -> Void)?) throws {
        var columns: [String]?
        while true {
            let status = sqlite3_step(statement)
            switch status {
            case SQLITE_DONE:
                return
            case SQLITE_ROW:
                guard let onRow else { continue }
                let count = sqlite3_column_count(statement)
                let names = columns ?? (0..<count).map { String(cString: sqlite3_column_name(statement, $0)) }
                columns = names
                onRow(DatabaseRow(columns: names, values: (0..<count).map { value(statement, column: $0) }))
            default:
                throw error(status, sql: sql, at: nil)
            }
        }
    }

    private func value(_ statement: OpaquePointer, column: Int32) -> DatabaseValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER:
            return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT:
            return .real(sqlite3_column_double(statement, column))
        case SQLITE_NULL:
            return .null
        case SQLITE_BLOB:
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return .blob([]) }
            return .blob(Array(UnsafeRawBufferPointer(start: pointer, count: count)))
        default: // text
            let count = Int(sqlite3_column_bytes(statement, column))
            guard count > 0, let pointer = sqlite3_column_blob(statement, column) else { return .text("") }
            return .text(String(decoding: UnsafeRawBufferPointer(start: pointer, count: count), as: UTF8.self))
        }
    }

    private func error(_ status: Int32, sql: [UInt8], at byteOffset: Int?) -> DatabaseError {
        let extended = sqlite3_extended_errcode(db)
        let primary = extended & 0xff
        let kind: DatabaseError.Kind = switch primary {
        case SQLITE_BUSY, SQLITE_LOCKED: .lockNotAvailable
        case SQLITE_CANTOPEN, SQLITE_NOTADB: .connection
        default: .statement
        }
        // SQLite counts bytes; Strata's positions count characters, from 1.
        let position = byteOffset.map { offset in
            String(decoding: sql[..<min(offset, sql.count - 1)], as: UTF8.self).count + 1
        }
        return DatabaseError(kind: kind, message: String(cString: sqlite3_errmsg(db)), code: Self.codeName(primary), position: position)
    }

    /// `SQLITE_CONSTRAINT` for a primary or extended result code.
    static func codeName(_ code: Int32) -> String {
        let text = String(cString: sqlite3_errstr(code & 0xff))
        let names: [Int32: String] = [
            SQLITE_ERROR: "ERROR", SQLITE_INTERNAL: "INTERNAL", SQLITE_PERM: "PERM", SQLITE_ABORT: "ABORT",
            SQLITE_BUSY: "BUSY", SQLITE_LOCKED: "LOCKED", SQLITE_NOMEM: "NOMEM", SQLITE_READONLY: "READONLY",
            SQLITE_INTERRUPT: "INTERRUPT", SQLITE_IOERR: "IOERR", SQLITE_CORRUPT: "CORRUPT", SQLITE_NOTFOUND: "NOTFOUND",
            SQLITE_FULL: "FULL", SQLITE_CANTOPEN: "CANTOPEN", SQLITE_PROTOCOL: "PROTOCOL", SQLITE_EMPTY: "EMPTY",
            SQLITE_SCHEMA: "SCHEMA", SQLITE_TOOBIG: "TOOBIG", SQLITE_CONSTRAINT: "CONSTRAINT", SQLITE_MISMATCH: "MISMATCH",
            SQLITE_MISUSE: "MISUSE", SQLITE_NOLFS: "NOLFS", SQLITE_AUTH: "AUTH", SQLITE_FORMAT: "FORMAT",
            SQLITE_RANGE: "RANGE", SQLITE_NOTADB: "NOTADB",
        ]
        return names[code & 0xff].map { "SQLITE_" + $0 } ?? "SQLITE_\(code) (\(text))"
    }

    /// The messages of SQLite's parser itself, as opposed to name resolution.
    static func isSyntaxError(_ message: String) -> Bool {
        message.hasSuffix(": syntax error") || message.hasPrefix("unrecognized token")
            || message == "incomplete input" || message == "parser stack overflow"
    }
}
