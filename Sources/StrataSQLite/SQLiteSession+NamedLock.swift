import Foundation
import Strata
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension SQLiteSession: NamedLocking {
    /// A row per held name in `_strata_named_locks`, written under `BEGIN
    /// IMMEDIATE` so two processes cannot both take it. A row left by a
    /// process that died on this host is taken over, as the migration lock's is.
    func tryNamedLock(_ name: String) async throws -> LockHolder? {
        let table = dialect.quoteIdentifier(Self.namedLockTable)
        let p = dialect.placeholder
        return try await inTransaction { session in
            try await session.execute("""
                CREATE TABLE IF NOT EXISTS \(table) (
                    name TEXT PRIMARY KEY, token TEXT NOT NULL, holder TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL,
                    acquired_at TEXT NOT NULL)
                """)
            let rows = try await session.query("SELECT token, holder, host, pid, acquired_at FROM \(table) WHERE name = \(p(1))", parameters: [.text(name)])
            if let row = rows.first, row["token"].string != lockToken, !Self.isGone(host: row["host"].string, pid: row["pid"].integer) {
                return LockHolder(description: "\(row["holder"].string ?? "?") (pid \(row["pid"].string ?? "?")), since \(row["acquired_at"].string ?? "?") UTC")
            }
            let host = Self.hostName
            _ = try await session.query(
                "INSERT OR REPLACE INTO \(table) (name, token, holder, host, pid, acquired_at) VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)), \(dialect.currentTimestampSQL))",
                parameters: [.text(name), .text(lockToken), .text("strata \(user)@\(host)"), .text(host), .integer(Int64(getpid()))])
            return nil
        }
    }

    func releaseNamedLock(_ name: String) async throws {
        let table = dialect.quoteIdentifier(Self.namedLockTable)
        guard try await query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?1", parameters: [.text(Self.namedLockTable)]).first != nil
        else { return }
        _ = try await query("DELETE FROM \(table) WHERE name = ?1 AND token = ?2", parameters: [.text(name), .text(lockToken)])
    }

    static let namedLockTable = "_strata_named_locks"
}
