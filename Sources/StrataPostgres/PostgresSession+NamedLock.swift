import Crypto
import Strata
import Synchronization

extension PostgresSession: NamedLocking {
    /// A session-level advisory lock in the two-key form (`classid` Strata's,
    /// `objid` from the name's SHA-256), apart from the migration lock's
    /// one-key space. Never blocks: `pg_try_advisory_lock`.
    ///
    /// Advisory locks nest, so a server session that holds the lock already
    /// would grant it again: there it belongs to another client that a
    /// pooler in transaction mode handed the session over from, and taking
    /// it is refused (``NamedLockLostError``).
    func tryNamedLock(_ name: String) async throws -> LockHolder? {
        let key = Self.namedLockKey(name)
        let row = try await query("""
            SELECT CASE WHEN \(Self.holdsNamedLock(key)) THEN NULL
                        ELSE pg_catalog.pg_try_advisory_lock(\(Self.namedLockClass), \(key)) END AS granted,
                   pg_catalog.pg_backend_pid() AS backend
            """).first
        if row?["granted"] == .null { throw NamedLockLostError(what: "the lock " + name, whileTaking: true) }
        if row?["granted"] == .boolean(true), let backend = row?["backend"].integer {
            heldNamedLocks.withLock { $0[name] = backend }
            return nil
        }
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

    /// Unlocks in the server session that took the lock (see ``unlock(_:inServerSession:)``).
    func releaseNamedLock(_ name: String) async throws {
        guard let backend = heldNamedLocks.withLock({ $0[name] }) else { return }
        _ = try await unlock("pg_catalog.pg_advisory_unlock(\(Self.namedLockClass), \(Self.namedLockKey(name)))", inServerSession: backend)
        heldNamedLocks.withLock { $0[name] = nil }
    }

    /// The transaction-level try on the same key: granted in the server
    /// session that holds the lock (and where nobody does, held until the
    /// transaction ends); refused where another session holds it, which
    /// the cast of the marker text turns into an error.
    func namedLockCheckSQL(_ name: String) -> String? {
        "SELECT CAST(CASE WHEN pg_catalog.pg_try_advisory_xact_lock(\(Self.namedLockClass), \(Self.namedLockKey(name))) THEN '1' "
            + "ELSE '\(Self.namedLockCheckMarker)' END AS integer)"
    }

    func isNamedLockCheckFailure(_ error: DatabaseError) -> Bool {
        error.message.contains(Self.namedLockCheckMarker)
    }

    private static let namedLockCheckMarker = "strata: this server session does not hold the named lock"

    /// `STRA` in ASCII: the advisory lock class of Strata's named locks.
    static let namedLockClass: Int32 = 0x5354_5241

    /// 31 bits of the name's SHA-256 (so the key reads the same as `int4` and as `oid` in `pg_locks`).
    static func namedLockKey(_ name: String) -> Int32 {
        let digest = Array(SHA256.hash(data: Array(name.utf8)))
        return Int32(bitPattern: (UInt32(digest[0]) << 24 | UInt32(digest[1]) << 16 | UInt32(digest[2]) << 8 | UInt32(digest[3])) & 0x7FFF_FFFF)
    }

    /// Whether the server session running it holds the named lock `key`.
    private static func holdsNamedLock(_ key: Int32) -> String {
        "EXISTS (SELECT 1 FROM pg_catalog.pg_locks WHERE locktype = 'advisory' AND granted AND pid = pg_catalog.pg_backend_pid() "
            + "AND classid = \(namedLockClass) AND objid = \(key) AND objsubid = 2)"
    }
}
