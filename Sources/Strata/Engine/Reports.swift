import Foundation

/// What `status` found.
public struct StatusReport: Sendable {
    /// The database, password masked.
    public var database: String
    public var migrationsPath: String
    public var historyTable: TableReference
    public var historySource: History.Source
    /// Whether `strata.sum` exists (it matched, or status would have refused).
    public var sumFileExists: Bool
    /// Every migration on disk in order, then those missing on disk.
    public var migrations: [MigrationStatus]
    /// Migrations being written that `strata.sum` does not list as they are
    /// yet; applied nowhere, so `deploy` (or `migrate hash`) records them.
    public var unrecordedWork: [String] = []

    /// As `deploy` sees it: 3 when deploy refuses (something failed and
    /// left effects, was interrupted or edited, is missing on disk or out of
    /// order), 2 when it has migrations to apply (a failure that left nothing
    /// behind included: deploy tries it again), 0 when everything is applied.
    /// A migration missing on disk because a newer release applied it is
    /// reported, but stops neither.
    public var exitStatus: ExitStatus {
        if !problems.isEmpty { return .attention }
        return migrations.contains { $0.state == .pending || $0.failedCleanly } ? .pending : .success
    }

    /// What stops `deploy` until a person settles it, by migration name:
    /// what is wrong and the command that settles it. The same problems
    /// `deploy` refuses with.
    public var problems: [String: IntegrityError.Problem] {
        Dictionary(MigrationStatus.problems(in: migrations).map { ($0.name, $0.problem) }, uniquingKeysWith: { first, _ in first })
    }

    /// Migrations missing on disk that sort after every folder: applied by
    /// a newer release (a rolled-back app deploy). They stop nothing.
    public var migrationsFromNewerRelease: [String] {
        MigrationStatus.missingFromNewerRelease(in: migrations).map(\.name)
    }

    /// How many migrations are in each state.
    public var counts: [MigrationStatus.State: Int] {
        var counts: [MigrationStatus.State: Int] = [:]
        // By index: reads the state without copying each entry's migration and record.
        for index in migrations.indices { counts[migrations[index].state, default: 0] += 1 }
        return counts
    }
}

/// One migration a run applied or rolled back.
public struct RunMigration: Sendable, Codable, Equatable {
    public var name: String
    public var durationMilliseconds: Int64
    public var statements: Int
    public var execution: HistoryRecord.Execution
    /// Why it ran without a transaction.
    public var reasonWithoutTransaction: String?
}

/// What `deploy` (or the re-apply of `reset`) did.
public struct DeployReport: Sendable {
    /// Applied migrations, in order. Empty for a dry run or when nothing was pending.
    public var applied: [RunMigration] = []
    /// Names a dry run would apply, in order.
    public var planned: [String] = []
    /// Whether the history table was created.
    public var createdHistoryTable = false
    /// Rows imported from `_prisma_migrations`.
    public var importedPrismaRows = 0
    /// Statements `reset` dropped objects with.
    public var dropStatements: [String] = []
    /// How many of the user's objects those statements dropped.
    public var droppedObjects = 0
    /// For `--dry-run`: exactly the SQL that would run, in order.
    public var dryRunSQL: String?
    /// Whether the commits before the last returned before reaching disk,
    /// and the last one's flush made them all durable (see
    /// ``Dialect/deferredFlushSQL``): until the run ends, a server crash
    /// can lose the newest migrations reported done, with their history rows.
    public var flushedTogether = false
    /// The backups taken before destructive statements, in order.
    public var backups: [BackupFolder] = []
    /// What `reset` seeded after the migrations: every seed, as after a fresh start.
    public var seeds: SeedReport?
}

/// What `down` did.
public struct DownReport: Sendable {
    /// Rolled-back migrations, newest first. Empty for a dry run.
    public var rolledBack: [RunMigration] = []
    /// Names a dry run would roll back, in order.
    public var planned: [String] = []
    public var dryRunSQL: String?
}

/// What `resolve` or `baseline` recorded.
public struct RecordReport: Sendable {
    /// Migrations recorded, in order.
    public var recorded: [String] = []
    public var state: HistoryRecord.State
    /// What wrote the rows: `baseline`, `resolve`, or `removed` (`resolve --removed`).
    public var operation: HistoryRecord.Operation
    public var dryRunSQL: String?
}
