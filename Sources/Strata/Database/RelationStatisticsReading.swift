/// A session that can say how large relations are, for the linter and the
/// lock report: a blocking index build on a 200-row table is nothing, on
/// 12 million rows an outage.
public protocol RelationStatisticsReading: Sendable {
    /// The estimated sizes of the given relations (tables, materialized views,
    /// indexes) that exist; the others are left out.
    func relationStatistics(_ relations: [TableReference]) async throws -> [TableReference: RelationStatistics]
}
