import Foundation
import Strata

extension PostgresSession: BackfillReading {
    /// The planner's estimate, from `EXPLAIN` of the query (nothing runs):
    /// the `rows=` of the plan's top node.
    func estimatedRowCount(of query: String, parameters: [DatabaseValue]) async throws -> Int? {
        guard let top = try await queryPlan(of: query, parameters: parameters).first,
              let range = top.range(of: #"rows=\d+"#, options: .regularExpression)
        else { return nil }
        return Int(top[range].dropFirst("rows=".count))
    }

    func queryPlan(of sql: String, parameters: [DatabaseValue]) async throws -> [String] {
        try await query("EXPLAIN " + sql, parameters: parameters).compactMap { $0["QUERY PLAN"].string }
    }

    /// The largest `replay_lag` in `pg_stat_replication` (a replica that has
    /// caught up shows none, read as no lag); `nil` without replicas.
    func replicationLag() async throws -> Duration? {
        let rows = try await query("""
            SELECT count(*) AS replicas,
                   coalesce(extract(epoch FROM max(replay_lag)), 0)::float8 AS lag_seconds
            FROM pg_catalog.pg_stat_replication
            """)
        guard let row = rows.first, let replicas = row["replicas"].integer, replicas > 0 else { return nil }
        let seconds = row["lag_seconds"].string.flatMap(Double.init) ?? 0
        return .milliseconds(Int64(seconds * 1000))
    }
}
