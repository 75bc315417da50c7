import Crypto
import Foundation
import Strata
import Synchronization

extension PostgresSession: MigrationLocking {
    /// Polls `pg_try_advisory_lock` outside any transaction. Never blocks in
    /// `pg_advisory_lock`: a session blocked there holds a snapshot that
    /// `CREATE INDEX CONCURRENTLY` in the lock holder waits for, and PostgreSQL
    /// answers with a deadlock.
    ///
    /// A server session that already holds the lock when a new connection
    /// asks for it belongs to another client: a connection pooler in
    /// transaction mode handed it over. Taking the lock again there would
    /// succeed (advisory locks nest), so that is refused instead
    /// (``MigrationLockLostError``).
    func acquireMigrationLock(
        for table: TableReference, timeout: Duration, onWait: @escaping @Sendable (LockHolder) -> Void
    ) async throws {
        let key = Self.lockKey(for: table)
        try await LockPolling.acquire(timeout: timeout, onWait: onWait) {
            let row = try await query("""
                SELECT CASE WHEN \(Self.holds(key)) THEN NULL ELSE pg_catalog.pg_try_advisory_lock(\(key)) END AS granted,
                       pg_catalog.pg_backend_pid() AS backend
                """).first
            if row?["granted"] == .null { throw MigrationLockLostError(migration: nil, whileTaking: true) }
            guard row?["granted"] == .boolean(true), let backend = row?["backend"].integer else { return try await lockHolder(key) }
            heldLock.withLock { $0 = (key, backend) }
            return nil
        }
    }

    /// Fails (SQLSTATE 22P02, with Strata's words in the message) when
    /// another server session holds the lock: the transaction-level try on
    /// the same key succeeds in the session that holds it (and where nobody
    /// does, it holds the key itself until the transaction ends, so no other
    /// runner can take it meanwhile). A hash lookup in the lock manager, where
    /// reading `pg_locks` costs half a millisecond. The cast of text that is
    /// a number only when the lock is ours needs no procedural language.
    func migrationLockCheckSQL(for table: TableReference) -> String? {
        "SELECT CAST(CASE WHEN pg_catalog.pg_try_advisory_xact_lock(\(Self.lockKey(for: table))) THEN '1' "
            + "ELSE '\(Self.lockCheckMarker)' END AS integer)"
    }

    func isMigrationLockCheckFailure(_ error: DatabaseError) -> Bool {
        error.message.contains(Self.lockCheckMarker)
    }

    private static let lockCheckMarker = "strata: this server session does not hold the migration lock"

    /// Whether the server session running it holds the advisory lock `key`.
    private static func holds(_ key: Int64) -> String {
        let bits = UInt64(bitPattern: key)
        return "EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted "
            + "AND pid = pg_catalog.pg_backend_pid() AND classid = \(bits >> 32) AND objid = \(bits & 0xFFFF_FFFF) AND objsubid = 1)"
    }

    /// Unlocks in the server session that took the lock. Behind a pooler
    /// in transaction mode each try may land in another one, so it tries
    /// again for about two seconds; if the lock stays, the error says where.
    func releaseMigrationLock() async throws {
        guard let (key, backend) = heldLock.withLock({ $0 }) else { return }
        if try await unlock("pg_catalog.pg_advisory_unlock(\(key))", inServerSession: backend) {
            heldLock.withLock { $0 = nil }
            return
        }
        throw DatabaseError(
            kind: .statement,
            message: "the migration lock stays with server session \(backend) of the connection pooler",
            hint: "it ends when the pooler closes that server connection, or with SELECT pg_terminate_backend(\(backend)) on the server")
    }

    /// Runs `unlock` (an advisory unlock call) in server session `backend`,
    /// the one that took the lock: behind a pooler in transaction mode each
    /// try may land in another, so it tries for about two seconds. Whether
    /// it got there.
    func unlock(_ unlock: String, inServerSession backend: Int64) async throws -> Bool {
        let sql = "SELECT CASE WHEN pg_catalog.pg_backend_pid() = \(backend) THEN \(unlock) END AS released"
        for attempt in 0..<45 {
            if try await query(sql).first?["released"] != .null { return true }
            if attempt >= 5 { try? await Task.sleep(for: .milliseconds(50)) }
        }
        return false
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
