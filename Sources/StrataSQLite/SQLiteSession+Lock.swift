import Foundation
import Strata
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteSession: MigrationLocking {
    /// The lock is a row in `<history table>_lock`, written under `BEGIN
    /// IMMEDIATE` so two processes cannot both take it. A row left by a process
    /// that died on this host is taken over; one from another host waits for
    /// the timeout.
    ///
    /// While polling, SQLite's own wait for a busy file (`busy_timeout`) is
    /// kept short, so `--lock-timeout` holds whatever another writer does.
    func acquireMigrationLock(
        for table: TableReference, timeout: Duration, onWait: @escaping @Sendable (LockHolder) -> Void
    ) async throws {
        let lockTable = Self.lockTable(for: table)
        let polling = Int32(min(max(timeout.milliseconds, 1), 100))
        try await connection.perform { $0.setBusyTimeout(milliseconds: polling) }
        let restore = { [connection] in try await connection.perform { $0.setBusyTimeout(milliseconds: Self.busyTimeoutMilliseconds) } }
        do {
            try await LockPolling.acquire(timeout: timeout, onWait: onWait) {
                do {
                    guard let holder = try await tryLock(lockTable) else {
                        heldLockTable.withLock { $0 = lockTable }
                        return nil
                    }
                    return holder
                } catch let error as DatabaseError where error.kind == .lockNotAvailable {
                    try? await execute("ROLLBACK")
                    return LockHolder(description: "another connection writing to \(path)")
                }
            }
        } catch {
            try? await restore()
            throw error
        }
        try await restore()
    }

    func releaseMigrationLock() async throws {
        guard let lockTable = heldLockTable.withLock({ $0 }) else { return }
        try await execute("DELETE FROM \(dialect.qualified(lockTable)) WHERE id = 1 AND token = \(dialect.quoteLiteral(lockToken))")
        heldLockTable.withLock { $0 = nil }
    }

    func migrationLockSQL(for table: TableReference) -> String {
        "BEGIN IMMEDIATE; INSERT OR REPLACE INTO \(dialect.qualified(Self.lockTable(for: table))) (id, ...) "
            + "VALUES (1, ...) when free; COMMIT (polled until free)"
    }

    static func lockTable(for table: TableReference) -> TableReference {
        TableReference(schema: table.schema, name: table.name + "_lock")
    }

    /// Takes the lock row if it is free (or stale); returns the holder when it is not.
    private func tryLock(_ lockTable: TableReference) async throws -> LockHolder? {
        let name = dialect.qualified(lockTable)
        try await execute("BEGIN IMMEDIATE")
        do {
            try await execute("""
                CREATE TABLE IF NOT EXISTS \(name) (
                    id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, holder TEXT NOT NULL,
                    host TEXT NOT NULL, pid INTEGER NOT NULL, acquired_at TEXT NOT NULL)
                """)
            if let row = try await query("SELECT holder, host, pid, acquired_at FROM \(name) WHERE id = 1").first,
               !isStale(row) {
                try await execute("COMMIT")
                let since = row["acquired_at"].string ?? "?"
                return LockHolder(description: "\(row["holder"].string ?? "?") (pid \(row["pid"].string ?? "?")), since \(since) UTC")
            }
            let host = Self.hostName
            try await execute("""
                INSERT OR REPLACE INTO \(name) (id, token, holder, host, pid, acquired_at) VALUES (1, \
                \(dialect.quoteLiteral(lockToken)), \(dialect.quoteLiteral("strata \(user)@\(host)")), \
                \(dialect.quoteLiteral(host)), \(getpid()), \(dialect.currentTimestampSQL))
                """)
            try await execute("COMMIT")
            return nil
        } catch {
            try? await execute("ROLLBACK")
            throw error
        }
    }

    /// A lock row whose process is gone from this host.
    private func isStale(_ row: DatabaseRow) -> Bool {
        Self.isGone(host: row["host"].string, pid: row["pid"].integer)
    }

    /// Whether the process that wrote a lock row (another process: this one is alive) is gone from this host.
    static func isGone(host: String?, pid: Int64?) -> Bool {
        guard host == hostName, let pid, pid != Int64(getpid()) else { return false }
        return kill(pid_t(pid), 0) == -1 && errno == ESRCH
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "unknown" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
