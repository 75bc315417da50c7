import Crypto
import Strata

extension PostgresSession: NamedLocking {
    /// A session-level advisory lock in the two-key form (`classid` Strata's,
    /// `objid` from the name's SHA-256), apart from the migration lock's
    /// one-key space. Never blocks: `pg_try_advisory_lock`.
    func tryNamedLock(_ name: String) async throws -> LockHolder? {
        let key = Self.namedLockKey(name)
        let granted = try await query("SELECT pg_catalog.pg_try_advisory_lock(\(Self.namedLockClass), \(key)) AS granted")
        if granted.first?["granted"] == .boolean(true) { return nil }
        let holders = try await query("""
            SELECT a.pid, a.usename, a.application_name, a.backend_start FROM pg_catalog.pg_locks l
            JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid
            WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
              AND l.classid = \(Self.namedLockClass) AND l.objid = \(key)
            """)
        guard let row = holders.first else { return LockHolder(description: "another session (it let go as Strata asked)") }
        let application = row["application_name"].string.flatMap { $0.isEmpty ? nil : $0 } ?? "no application name"
        return LockHolder(description: "pid \(row["pid"].string ?? "?") (\(application), user \(row["usename"].string ?? "?"))"
            + (row["backend_start"].timestamp.map { ", connected since \(Timestamp.format($0)) UTC" } ?? ""))
    }

    func releaseNamedLock(_ name: String) async throws {
        _ = try await query("SELECT pg_catalog.pg_advisory_unlock(\(Self.namedLockClass), \(Self.namedLockKey(name))) AS released")
    }

    /// `STRA` in ASCII: the advisory lock class of Strata's named locks.
    static let namedLockClass: Int32 = 0x5354_5241

    /// 31 bits of the name's SHA-256 (so the key reads the same as `int4` and as `oid` in `pg_locks`).
    static func namedLockKey(_ name: String) -> Int32 {
        let digest = Array(SHA256.hash(data: Array(name.utf8)))
        return Int32(bitPattern: (UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3])) & 0x7FFF_FFFF)
    }
}
