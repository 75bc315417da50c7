import CSQLite
import Strata

extension SQLiteHandle {
    /// Which way ``copy(_:file:)`` copies.
    enum BackupDirection {
        /// This connection's main database into the file (a backup).
        case intoFile
        /// The file into this connection's main database (a restore).
        case fromFile
    }

    /// Copies a whole database between this connection and the database
    /// file at `path` with SQLite's online backup API, as
    /// <https://www.sqlite.org/backup.html> lays it out:
    ///
    /// 1. `sqlite3_backup_init()` is called once to initialize the backup,
    /// 2. `sqlite3_backup_step()` is called one or more times to transfer the data between the two databases, and
    /// 3. `sqlite3_backup_finish()` is called to release all resources associated with the backup operation.
    ///
    /// Throws ``DatabaseError`` in SQLite's words.
    func copy(_ direction: BackupDirection, file path: String) throws {
        var other: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | (direction == .intoFile ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX
        let opened = sqlite3_open_v2(path, &other, flags, nil)
        defer { sqlite3_close_v2(other) }
        guard opened == SQLITE_OK, let other else {
            let message = other.map { String(cString: sqlite3_errmsg($0)) } ?? "out of memory"
            throw DatabaseError(kind: .statement, message: "\(path): \(message)", code: Self.codeName(opened))
        }
        sqlite3_busy_timeout(other, 5000)
        let (destination, source) = direction == .intoFile ? (other, db) : (db, other)
        // 1. Initialize the backup.
        guard let backup = sqlite3_backup_init(destination, "main", source, "main") else {
            throw DatabaseError(kind: .statement, message: String(cString: sqlite3_errmsg(destination)), code: Self.codeName(sqlite3_errcode(destination)))
        }
        // 2. Transfer the data, all pages at once (-1); a busy or locked
        //    database is waited for and the step tried again.
        var status: Int32
        repeat {
            status = sqlite3_backup_step(backup, -1)
            if status == SQLITE_BUSY || status == SQLITE_LOCKED { sqlite3_sleep(50) }
        } while status == SQLITE_OK || status == SQLITE_BUSY || status == SQLITE_LOCKED
        // 3. Release what the backup holds; its result is the backup's.
        let finished = sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE, finished == SQLITE_OK else {
            throw DatabaseError(kind: .statement, message: String(cString: sqlite3_errmsg(destination)), code: Self.codeName(status == SQLITE_DONE ? finished : status))
        }
    }
}
