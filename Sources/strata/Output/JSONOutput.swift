import Foundation
import Strata

/// `status --json`: the same facts as the human output, as data.
struct StatusJSON: Encodable {
    struct Entry: Encodable {
        let name: String
        let state: String
        let file: String?
        let checksum: String?
        let recordedChecksum: String?
        let appliedAt: Date?
        let durationMs: Int64?
        let appliedBy: String?
        let operation: String?
        let execution: String?
        let statementsRun: Int?
        let statementsTotal: Int?
        let error: String?
        /// When it stops deploy: what settles it.
        let remedy: String?
    }

    let database: String
    let migrationsDirectory: String
    let historyTable: String
    let historySource: String
    let sumFile: Bool
    /// Migrations being written that strata.sum does not list as they are yet.
    let unrecordedWork: [String]
    var exitCode: Int32
    let counts: [String: Int]
    let migrations: [Entry]
    /// With `--drift`: what the live schema has beyond the applied migrations (empty: none).
    var drift: [String]?

    init(_ report: StatusReport) {
        database = report.database
        migrationsDirectory = report.migrationsPath
        historyTable = report.historyTable.description
        historySource = report.historySource.rawValue
        sumFile = report.sumFileExists
        unrecordedWork = report.unrecordedWork
        exitCode = report.exitStatus.rawValue
        counts = Dictionary(uniqueKeysWithValues: report.counts.map { ($0.key.rawValue, $0.value) })
        let problems = report.problems
        migrations = report.migrations.map { entry in
            let record = entry.record
            return Entry(
                name: entry.name, state: entry.state.rawValue, file: entry.migration?.up.path,
                checksum: entry.migration?.up.checksum, recordedChecksum: record?.checksum,
                appliedAt: record?.finishedAt ?? record?.startedAt, durationMs: record?.durationMilliseconds,
                appliedBy: record?.appliedBy, operation: record?.operation.rawValue, execution: record?.execution.rawValue,
                statementsRun: record?.statementsRun, statementsTotal: record?.statementsTotal, error: record?.error,
                remedy: problems[entry.name]?.remedy)
        }
    }
}

/// `deploy --json`, `down --json`, `reset --json`.
struct RunJSON: Encodable {
    /// One migration run, with the key spellings `status --json` uses.
    struct Entry: Encodable {
        let name: String
        let durationMs: Int64
        let statements: Int
        let execution: String
        let reasonWithoutTransaction: String?

        init(_ run: RunMigration) {
            name = run.name
            durationMs = run.durationMilliseconds
            statements = run.statements
            execution = run.execution.rawValue
            reasonWithoutTransaction = run.reasonWithoutTransaction
        }
    }

    let database: String
    let migrations: [Entry]
    let direction: String
    let createdHistoryTable: Bool
    let importedPrismaRows: Int
    let droppedObjects: Int
    /// Deploy's backups before destructive statements; left out when none was taken.
    var backups: [BackupJSON]? = nil
    /// What `reset` seeded.
    var seeds: [SeedOutcome]? = nil
    let exitCode: Int32 = 0
}

/// With `--json`, a failure is JSON on standard output too, so CI sees what
/// ran and what failed: the migrations done before it, and the error.
struct FailureJSON: Encodable {
    struct Failure: Encodable {
        let summary: String
        let details: [String]
        let nextStep: String?
        /// SQLSTATE or SQLite's result code, the database's message, and where.
        let code: String?
        let message: String?
        let migration: String?
        let file: String?
        let line: Int?
        let column: Int?
    }

    let error: Failure
    let done: [String]
    let exitCode: Int32

    init(_ error: any StrataError, done: [String]) {
        let failed = error as? MigrationFailedError
        let database = failed?.databaseError ?? (error as? ConnectionLostError)?.underlying ?? (error as? ConnectionError)?.underlying
        self.error = Failure(
            summary: error.summary, details: error.details, nextStep: error.nextStep, code: database?.code,
            message: database?.message, migration: failed?.migration ?? (error as? ConnectionLostError)?.migration,
            file: failed?.path ?? (error as? MigrationFileError)?.path, line: failed?.location.line ?? (error as? MigrationFileError)?.location?.line,
            column: failed?.location.column ?? (error as? MigrationFileError)?.location?.column)
        self.done = done
        exitCode = error.exitStatus.rawValue
    }
}

/// `--dry-run`: the SQL as it is, or with `--json` the SQL and the migrations it covers.
struct DryRunJSON: Encodable {
    let planned: [String]
    let sql: String

    func print(json: Bool) {
        json ? Console.shared.json(self) : Console.shared.partial(sql)
    }
}

/// `resolve --json`, `baseline --json`.
struct RecordJSON: Encodable {
    let recorded: [String]
    let state: String
    let operation: String
}
