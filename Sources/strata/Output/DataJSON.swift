import Strata

/// `data backfill --json`.
struct BackfillReportJSON: Encodable {
    let name: String
    let table: String
    let key: [String]
    let rowsDone: Int
    let rowsThisRun: Int
    let batches: Int
    let durationMs: Int64
    let resumed: Bool
    let alreadyCompleted: Bool

    init(_ report: BackfillReport) {
        name = report.name
        table = report.table.description
        key = report.keyColumns
        rowsDone = report.rowsDone
        rowsThisRun = report.rowsThisRun
        batches = report.batches
        durationMs = report.elapsed.milliseconds
        resumed = report.resumed
        alreadyCompleted = report.alreadyCompleted
    }
}

/// `data backfill --dry-run --json`.
struct BackfillPlanJSON: Encodable {
    struct Statement: Encodable {
        let sql: String
        let parameters: [String?]
    }

    let name: String
    let table: String
    let key: [String]
    let state: String?
    let rowsDone: Int?
    let estimatedRows: Int?
    let estimatedBatches: Int?
    let boundary: Statement
    let update: Statement?
    let firstBatchEnd: String?
    let plan: [String]
    /// Whether batches walk the key in ranges of values (`boundary` is then the key's lowest and highest).
    let walksRanges: Bool

    init(_ plan: BackfillPlan) {
        name = plan.name
        table = plan.table.description
        key = plan.keyColumns
        state = plan.record?.state.rawValue
        rowsDone = plan.record?.rowsDone
        estimatedRows = plan.estimatedRows
        estimatedBatches = plan.estimatedBatches
        boundary = Statement(sql: plan.boundary.sql, parameters: plan.boundary.parameters.map(\.string))
        update = plan.update.map { Statement(sql: $0.sql, parameters: $0.parameters.map(\.string)) }
        firstBatchEnd = plan.firstBatchEnd
        self.plan = plan.queryPlan
        walksRanges = plan.walksRanges
    }
}

/// `data run --json`.
struct DataRunJSON: Encodable {
    struct Outcome: Encodable {
        let name: String
        let file: String
        let alreadyCompleted: Bool
        let statements: Int?
        let backfill: BackfillReportJSON?
    }

    let exitCode: Int32 = 0
    let ran: [Outcome]

    init(_ report: DataRunReport) {
        ran = report.outcomes.map {
            Outcome(name: $0.name, file: $0.path, alreadyCompleted: $0.alreadyCompleted, statements: $0.statements,
                    backfill: $0.backfill.map(BackfillReportJSON.init))
        }
    }
}

/// `data status --json`.
struct DataStatusJSON: Encodable {
    struct Entry: Encodable {
        let name: String
        let file: String?
        let state: String
        let kind: String?
        let rowsDone: Int?
        let batches: Int?
        let lastKey: String?
        let startedAt: String?
        let updatedAt: String?
        let finishedAt: String?
        let runBy: String?
        let error: String?
        let edited: Bool
    }

    let dataDirectory: String
    let exitCode: Int32
    let dataMigrations: [Entry]

    init(_ report: DataStatusReport) {
        dataDirectory = report.dataPath
        exitCode = report.pending.isEmpty ? 0 : ExitStatus.pending.rawValue
        dataMigrations = report.entries.map { entry in
            let record = entry.record
            return Entry(
                name: entry.name, file: entry.path, state: record?.state.rawValue ?? "pending", kind: record?.kind.rawValue,
                rowsDone: record?.rowsDone, batches: record?.batches, lastKey: record?.lastKey, startedAt: record?.startedAt,
                updatedAt: record?.updatedAt, finishedAt: record?.finishedAt, runBy: record?.runBy, error: record?.error,
                edited: entry.edited)
        }
    }
}
