import Strata

extension PostgresSession: RelationStatisticsReading {
    /// The planner's estimates, from the catalog alone: `pg_class.reltuples`
    /// (`-1` before the first ANALYZE in PostgreSQL 14 and later) and
    /// `relpages` of the table, its TOAST table and its indexes, times the
    /// block size. Unlike `pg_total_relation_size`, reading them takes no
    /// lock on the table, so a plan never waits behind a migration holding
    /// ACCESS EXCLUSIVE. `to_regclass` resolves names as the server would.
    func relationStatistics(_ relations: [TableReference]) async throws -> [TableReference: RelationStatistics] {
        guard !relations.isEmpty else { return [:] }
        let names = relations.map { dialect.quoteLiteral(dialect.qualified($0)) }.joined(separator: ", ")
        let rows = try await query("""
            SELECT r.name, c.reltuples::float8 AS rows,
                   (c.relpages::bigint + coalesce(t.relpages, 0) + coalesce(i.pages, 0)) * current_setting('block_size')::bigint AS total_bytes,
                   coalesce(i.pages, 0) * current_setting('block_size')::bigint AS index_bytes
            FROM unnest(ARRAY[\(names)]) AS r(name)
            JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(r.name)
            LEFT JOIN pg_catalog.pg_class t ON t.oid = c.reltoastrelid
            LEFT JOIN LATERAL (
                SELECT sum(ic.relpages)::bigint AS pages FROM pg_catalog.pg_index x
                JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid WHERE x.indrelid = c.oid
            ) i ON true
            """)
        var statistics: [TableReference: RelationStatistics] = [:]
        for row in rows {
            guard let name = row["name"].string, let relation = relations.first(where: { dialect.qualified($0) == name }) else { continue }
            let estimate: Double? = row["rows"].string.flatMap { Double($0) }
            let rows: Double? = estimate.flatMap { $0 < 0 ? nil : $0 }
            statistics[relation] = RelationStatistics(
                rows: rows, totalBytes: row["total_bytes"].integer ?? 0, indexBytes: row["index_bytes"].integer ?? 0)
        }
        return statistics
    }
}
