/// Every history row of a database, oldest first, and where they came from.
public struct History: Sendable {
    /// Where the rows were read from.
    public enum Source: String, Sendable, Codable {
        /// Strata's own history table.
        case strata
        /// Prisma's `_prisma_migrations`, not imported yet (the next `deploy` imports it).
        case prisma
        /// No history table yet: a new database.
        case none
    }

    public var records: [HistoryRecord]
    public var source: Source

    public init(records: [HistoryRecord], source: Source) {
        self.records = records
        self.source = source
    }

    /// The newest row of each migration: its current state.
    public var latestByName: [String: HistoryRecord] {
        var latest: [String: HistoryRecord] = [:]
        latest.reserveCapacity(records.count)
        for record in records { latest[record.name] = record }
        return latest
    }
}

/// Reads the history through a session: Strata's table, else Prisma's.
struct HistoryReader {
    let table: HistoryTable
    let session: any Database

    /// Prisma's table, in the same schema as Strata's.
    var prismaTable: TableReference {
        TableReference(schema: table.reference.schema, name: "_prisma_migrations")
    }

    func strataTableExists() async throws -> Bool {
        try await session.tableExists(table.reference)
    }

    func prismaTableExists() async throws -> Bool {
        try await session.tableExists(prismaTable)
    }

    /// Strata's rows when it has any; else Prisma's, so a database Prisma
    /// migrated shows its state before the first `deploy` imports it.
    func read() async throws -> History {
        if try await strataTableExists() {
            let records = try await session.query(table.selectAll).map(Self.record)
            if !records.isEmpty { return History(records: records, source: .strata) }
        }
        if try await prismaTableExists() {
            let rows = try await session.query(table.selectPrisma(from: prismaTable))
            return History(records: rows.enumerated().map { Self.prismaRecord($1, id: Int64($0) + 1) }, source: .prisma)
        }
        return History(records: [], source: .none)
    }

    /// A row of ``HistoryTable/selectAll``, whose columns come in ``HistoryTable/columns`` order.
    private static func record(_ row: DatabaseRow) -> HistoryRecord {
        let value = row.values
        return HistoryRecord(
            id: value[0].integer ?? 0,
            name: value[1].string ?? "",
            checksum: value[2].string ?? "",
            state: value[3].string.flatMap(HistoryRecord.State.init(rawValue:)) ?? .failed,
            operation: value[4].string.flatMap(HistoryRecord.Operation.init(rawValue:)) ?? .deploy,
            execution: value[5].string.flatMap(HistoryRecord.Execution.init(rawValue:)) ?? .none,
            startedAt: value[6].timestamp,
            finishedAt: value[7].timestamp,
            durationMilliseconds: value[8].integer,
            appliedBy: value[9].string ?? "",
            statementsRun: Int(value[10].integer ?? 0),
            statementsTotal: Int(value[11].integer ?? 0),
            error: value[12].string)
    }

    private static func prismaRecord(_ row: DatabaseRow, id: Int64) -> HistoryRecord {
        let state: HistoryRecord.State =
            !row["rolled_back_at"].isNull ? .rolledBack : !row["finished_at"].isNull ? .applied : .failed
        let steps = Int(row["applied_steps_count"].integer ?? 0)
        return HistoryRecord(
            id: id,
            name: row["migration_name"].string ?? "",
            checksum: row["checksum"].string ?? "",
            state: state,
            operation: .prisma,
            execution: .none,
            startedAt: row["started_at"].timestamp,
            finishedAt: row["finished_at"].timestamp ?? row["rolled_back_at"].timestamp,
            durationMilliseconds: nil,
            appliedBy: "prisma",
            statementsRun: steps,
            statementsTotal: steps,
            error: row["logs"].string)
    }
}
