import Crypto
import Foundation
import Strata
import Synchronization

extension PostgresSession: MigrationLocking {
    /// Polls `pg_try_advisory_lock` outside any transaction. Never blocks in
    /// `pg_advisory_lock`: a session blocked there holds a snapshot that
    /// `CREATE INDEX CONCURRENTLY` in the lock holder waits for, and PostgreSQL
    /// answers with a deadlock.
    func acquireMigrationLock(
        for table: TableReference, timeout: Duration, onWait: @escaping @Sendable (LockHolder) -> Void
    ) async throws {
        let key = Self.lockKey(for: table)
        try await LockPolling.acquire(timeout: timeout, onWait: onWait) {
            let granted = try await query("SELECT pg_try_advisory_lock(\(key)) AS granted").first?["granted"]
            guard granted == .boolean(true) else { return try await lockHolder(key) }
            heldLockKey.withLock { $0 = key }
            return nil
        }
    }

    func releaseMigrationLock() async throws {
        guard let key = heldLockKey.withLock({ $0 }) else { return }
        try await execute("SELECT pg_advisory_unlock(\(key))")
        heldLockKey.withLock { $0 = nil }
    }

    func migrationLockSQL(for table: TableReference) -> String {
        "SELECT pg_try_advisory_lock(\(Self.lockKey(for: table))) (polled until granted)"
    }

    /// A 64-bit key from the history table's qualified name, so runners of one
    /// history share a lock and different histories in one database do not.
    static func lockKey(for table: TableReference) -> Int64 {
        let digest = Array(SHA256.hash(data: Data("strata:\(table.schema ?? ""):\(table.name)".utf8)))
        return digest.prefix(8).reduce(Int64(0)) { ($0 << 8) | Int64($1) }
    }

    /// Who holds the advisory lock, from `pg_locks` and `pg_stat_activity`.
    private func lockHolder(_ key: Int64) async throws -> LockHolder {
        let bits = UInt64(bitPattern: key)
        let rows = try await query("""
            SELECT a.pid, a.usename, a.application_name, host(a.client_addr) AS client, a.backend_start
            FROM pg_catalog.pg_locks l JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.classid = \(bits >> 32)
              AND l.objid = \(bits & 0xFFFF_FFFF) AND l.objsubid = 1
              AND l.database = (SELECT oid FROM pg_catalog.pg_database WHERE datname = current_database())
            """)
        guard let row = rows.first else { return LockHolder(description: "another session (it just released the lock)") }
        var text = "pid \(row["pid"].string ?? "?")"
        let application = row["application_name"].string ?? ""
        text += " (\(application.isEmpty ? "no application name" : application), user \(row["usename"].string ?? "?")"
        if let client = row["client"].string { text += " from \(client)" }
        text += ")"
        if let since = row["backend_start"].timestamp {
            text += ", connected since \(since.formatted(.iso8601))"
        }
        return LockHolder(description: text)
    }
}
