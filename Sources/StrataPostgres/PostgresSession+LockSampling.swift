import Strata

/// Reads a session's table locks from `pg_locks`, through a second
/// connection with the same parameters.
extension PostgresSession: LockSampling {
    func lockSampler() async throws -> any LockSampleReading {
        let backend = try await connection.query("SELECT pg_backend_pid()::text AS pid").first?["pid"].string ?? "0"
        let watcher = try await PostgresConnection.open(parameters)
        return PostgresLockSampler(connection: watcher, backend: backend)
    }
}

/// The second connection, and the backend it watches.
struct PostgresLockSampler: LockSampleReading {
    let connection: PostgresConnection
    let backend: String

    private static let query = """
        SELECT c.oid::regclass::text AS relation, l.mode
        FROM pg_catalog.pg_locks l
        JOIN pg_catalog.pg_class c ON c.oid = l.relation
        WHERE l.pid = $1::int AND l.granted AND l.locktype = 'relation' AND c.relkind IN ('r', 'p', 'm')
          AND c.relnamespace <> 'pg_catalog'::regnamespace
        """

    func sample() async throws -> [SampledLock] {
        try await connection.query(Self.query, parameters: [backend]).compactMap { row in
            guard let relation = row["relation"].string, let mode = row["mode"].string.flatMap(Self.mode) else { return nil }
            return SampledLock(relation: relation, mode: mode)
        }
    }

    func close() async {
        await connection.close()
    }

    /// `pg_locks.mode` (`AccessExclusiveLock`) as a ``LockMode``.
    static func mode(_ name: String) -> LockMode? {
        switch name {
        case "AccessShareLock": .accessShare
        case "RowShareLock": .rowShare
        case "RowExclusiveLock": .rowExclusive
        case "ShareUpdateExclusiveLock": .shareUpdateExclusive
        case "ShareLock": .share
        case "ShareRowExclusiveLock": .shareRowExclusive
        case "ExclusiveLock": .exclusive
        case "AccessExclusiveLock": .accessExclusive
        default: nil
        }
    }
}
