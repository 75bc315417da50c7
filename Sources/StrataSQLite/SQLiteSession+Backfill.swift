import Strata

extension SQLiteSession: BackfillReading {
    /// SQLite keeps no row estimates: the rows are counted (a scan of the
    /// table's smallest index, quick for a local file).
    func estimatedRowCount(of query: String, parameters: [DatabaseValue]) async throws -> Int? {
        let rows = try await self.query("SELECT count(*) AS n FROM (\(query))", parameters: parameters)
        return rows.first?["n"].integer.map(Int.init)
    }

    /// `EXPLAIN QUERY PLAN`'s steps.
    func queryPlan(of sql: String, parameters: [DatabaseValue]) async throws -> [String] {
        try await query("EXPLAIN QUERY PLAN " + sql, parameters: parameters).compactMap { $0["detail"].string }
    }

    /// An SQLite file has no replicas.
    func replicationLag() async throws -> Duration? { nil }
}
