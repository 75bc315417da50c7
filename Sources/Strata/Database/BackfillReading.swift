/// What a backfill asks of a database besides running statements: a
/// session role, like ``RelationStatisticsReading``.
public protocol BackfillReading: Sendable {
    /// How many rows `query` (a `SELECT`) would return, as cheaply as the
    /// database can tell: PostgreSQL's planner estimate, SQLite's count.
    /// `nil` when it cannot say.
    func estimatedRowCount(of query: String, parameters: [DatabaseValue]) async throws -> Int?

    /// The plan the database would run `sql` with, one line per step, without running it.
    func queryPlan(of sql: String, parameters: [DatabaseValue]) async throws -> [String]

    /// How far the slowest streaming replica is behind in replaying this
    /// server's changes; `nil` where the server has no replicas (or the
    /// database has no replication, SQLite).
    func replicationLag() async throws -> Duration?
}
