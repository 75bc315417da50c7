import Strata

extension PostgresSession: RelationStatisticsReading {
    /// The planner's row estimate (`pg_class.reltuples`, `-1` before the first
    /// ANALYZE in PostgreSQL 14 and later), `pg_total_relation_size` and
    /// `pg_indexes_size`, resolved as the server would (`to_regclass` follows
    /// the search path for unqualified names).
    func relationStatistics(_ relations: [TableReference]) async throws -> [TableReference: RelationStatistics] {
        guard !relations.isEmpty else { return [:] }
        let names = relations.map { dialect.quoteLiteral(dialect.qualified($0)) }.joined(separator: ", ")
        let rows = try await query("""
            SELECT r.name, c.reltuples::float8 AS rows, pg_catalog.pg_total_relation_size(c.oid) AS total_bytes,
                   pg_catalog.pg_indexes_size(c.oid) AS index_bytes
            FROM unnest(ARRAY[\(names)]) AS r(name)
            JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(r.name)
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
