/// How `deploy` runs.
public struct DeployOptions: Sendable {
    /// Print the SQL instead of running it.
    public var dryRun: Bool
    /// Apply up to and including this migration (folder name or version).
    public var target: String?
    /// Apply pending migrations that sort before applied ones.
    public var allowOutOfOrder: Bool
    /// First compare the live schema with what the applied migrations build,
    /// and apply nothing when they differ (``DriftError``).
    public var checkDrift: Bool

    public init(dryRun: Bool = false, target: String? = nil, allowOutOfOrder: Bool = false, checkDrift: Bool = false) {
        self.dryRun = dryRun
        self.target = target
        self.allowOutOfOrder = allowOutOfOrder
        self.checkDrift = checkDrift
    }
}

extension Migrator {
    /// Applies pending migrations in order, each in its own transaction where
    /// the database allows, under the migration lock.
    ///
    /// Refuses (``IntegrityError``, nothing applied) when `strata.sum`
    /// disagrees with the files, or a migration failed outside a transaction,
    /// was edited after being applied, is missing on disk, or is out of order.
    /// A migration that failed inside a transaction left nothing behind and is
    /// simply tried again. With `checkDrift`, a schema changed outside the
    /// migrations is ``DriftError`` and nothing is applied.
    ///
    /// ```swift
    /// let report = try await migrator.deploy(DeployOptions(target: "20240115120000"))
    /// for migration in report.applied { print(migration.name, migration.durationMilliseconds) }
    /// ```
    @discardableResult
    public func deploy(
        _ options: DeployOptions = DeployOptions(), events: @escaping MigratorEventHandler = { _ in }
    ) async throws -> DeployReport {
        try await withLockedRun(
            "deploy", dryRun: options.dryRun, sum: .acceptingWorkInProgress, events: events,
            files: { migrations in try options.target.map { try migrations.resolve($0) } },
            plan: { files, history, dialect in
                // Without the lock, a migration another runner is applying right now looks `running`: judged under the lock.
                try pendingScripts(
                    files.migrations, target: files.extra, history: history, options: options, dialect: dialect,
                    underLock: false)
            }
        ) { files, checked, run in
            try await deploy(
                files.migrations, target: files.extra, options: options, session: run.session, table: run.table,
                history: run.history, events: events, prepared: checked)
        }
    }

    /// Deploys on an open session given its `history`; `reset` calls it
    /// after dropping everything (`drops`), with an empty one. Scripts
    /// already in `prepared` are not parsed again.
    func deploy(
        _ migrations: [Migration], target: Migration?, options: DeployOptions, session: any Database,
        table: HistoryTable, history: History, events: @escaping MigratorEventHandler, after drops: [String] = [],
        prepared known: [PreparedScript] = [], rehearsal: Bool = false
    ) async throws -> DeployReport {
        let reader = HistoryReader(table: table, session: session)
        var history = history
        if !options.dryRun, history.source == .strata,
           try await settleInterruptedRuns(history, migrations: migrations, session: session, table: table, events: events) {
            history = try await reader.read()
        }
        let prepared = try pendingScripts(
            migrations, target: target, history: history, options: options, dialect: session.dialect,
            known: known, events: events)
        // A rehearsal (on a filled shadow) runs what deploy would, to time it: no lint, drift check or backup.
        if drops.isEmpty, !rehearsal, configuration.lint.deploy != .off, !prepared.isEmpty {
            let linter = try linter()
            let report = try await judge(try linter.read(prepared: prepared), with: linter, on: session)
            events(.linted(report))
            let errors = report.findings.filter { $0.severity == .error }
            if configuration.lint.deploy == .error, !errors.isEmpty { throw LintError(findings: errors) }
        }
        if options.checkDrift {
            let latest = history.latestByName
            let drift = try await drift(ofApplied: migrations.filter { latest[$0.name]?.state == .applied })
            if !drift.migration.isEmpty {
                throw DriftError(
                    database: configuration.url.description, migrationsPath: configuration.migrationsPath, changes: drift.migration.changes.map(\.summary))
            }
        }
        // A reset empties the database first: what it re-applies holds nothing worth a backup.
        let backsUp = drops.isEmpty && !rehearsal
        if backsUp { try await checkBackupTools(for: prepared, session: session, events: events) }
        let setup = drops.isEmpty
            ? try await historySetup(table, reader: reader, history: history)
            : try await creatingTable(table, session: session)
        let runner = scriptRunner(session, table: table, events: events)

        var report = DeployReport()
        report.dropStatements = drops
        if options.dryRun {
            if backsUp { try await planBackups(prepared, session: session, events: events) }
            report.planned = prepared.map(\.migration.name)
            report.dryRunSQL = DryRunScript.render(
                operation: drops.isEmpty ? "deploy" : "reset", database: configuration.url.description,
                lockSQL: session.migrationLockSQL(for: table.reference), setup: drops + setup.statements,
                scripts: runner.dryRun(prepared, direction: .up))
            return report
        }
        try await runSetup(setup, table: table, history: history, session: session, events: events)
        report.createdHistoryTable = setup.createsTable
        report.importedPrismaRows = history.source == .prisma ? history.records.count : 0
        do {
            var backups: [BackupFolder] = []
            report.applied = try await runAll(prepared, with: runner, direction: .up, table: table, events: events) { script in
                if backsUp, let backup = try await backUp(before: script, session: session, events: events) { backups.append(backup) }
            }
            report.backups = backups
        } catch var failure as MigrationFailedError
            where !history.records.contains(where: \.leavesEffects) && drops.isEmpty && failure.migration == prepared.first?.migration.name
                && session.dialect.isAlreadyExists(failure.databaseError) {
            failure.onExistingSchema = true
            throw failure
        }
        report.flushedTogether = runner.defersFlush(forRunOf: prepared.count)
        return report
    }

    /// The migrations deploy applies given `history`, parsed (on every
    /// core), after the integrity check: a syntax error stops deploy before
    /// the first runs. Scripts in `known` are reused. Read without the lock
    /// (`underLock` false), a migration another runner is applying right now
    /// looks `running`: that is judged under the lock.
    func pendingScripts(
        _ migrations: [Migration], target: Migration?, history: History, options: DeployOptions, dialect: any Dialect,
        known: [PreparedScript] = [], underLock: Bool = true, events: MigratorEventHandler = { _ in }
    ) throws -> [PreparedScript] {
        let plan = Plan(migrations: migrations, history: history)
        try checkIntegrity(
            plan, operation: "deploy", allowOutOfOrder: options.allowOutOfOrder, runningIsProblem: underLock, events: events)
        let selected = plan.entries.compactMap { entry -> Migration? in
            guard let migration = entry.migration else { return nil }
            guard [.pending, .outOfOrder].contains(entry.state) || entry.failedCleanly else { return nil }
            return target.map { Migration.precedes($0.name, entry.name) } == true ? nil : migration
        }
        let parsed = Dictionary(known.map { ($0.migration.name, $0) }, uniquingKeysWith: { first, _ in first })
        return try selected.concurrentMap {
            try parsed[$0.name] ?? PreparedScript(migration: $0, script: $0.up, dialect: dialect)
        }
    }

    /// Throws ``IntegrityError`` for anything that must be settled by a person first.
    func checkIntegrity(
        _ plan: Plan, operation: String, allowOutOfOrder: Bool, runningIsProblem: Bool = true, events: MigratorEventHandler
    ) throws {
        let problems = MigrationStatus.problems(
            in: plan.entries, allowOutOfOrder: allowOutOfOrder, runningIsProblem: runningIsProblem)
        guard problems.isEmpty else { throw IntegrityError(operation: operation, problems: problems.map(\.problem)) }
        let newer = plan.missingFromNewerRelease.map(\.name)
        if !newer.isEmpty {
            let them = newer.count == 1 ? "1 migration" : "\(newer.count) migrations"
            events(.warning("the database has \(them) newer than this folder (\(newer.sorted().joined(separator: ", "))): applied by a newer release"))
        }
    }
}
