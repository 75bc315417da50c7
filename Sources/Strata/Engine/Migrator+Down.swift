/// How `down` runs.
public struct DownOptions: Sendable {
    /// How many applied migrations to roll back, newest first (default 1).
    public var steps: Int?
    /// Roll back every migration applied after this one, keeping it.
    public var to: String?
    /// Print the SQL instead of running it.
    public var dryRun: Bool
    /// Required in an environment marked `production = true`.
    public var force: Bool

    public init(steps: Int? = nil, to: String? = nil, dryRun: Bool = false, force: Bool = false) {
        self.steps = steps
        self.to = to
        self.dryRun = dryRun
        self.force = force
    }
}

extension Migrator {
    /// Rolls back applied migrations with their `down.sql`, newest first.
    ///
    /// Refuses before running anything when one of them has no `down.sql`
    /// (or an empty one), or when the history needs attention (a failed,
    /// interrupted or edited migration).
    @discardableResult
    public func down(_ options: DownOptions = DownOptions(), events: @escaping MigratorEventHandler = { _ in }) async throws -> DownReport {
        if let steps = options.steps, steps < 1 {
            throw RefusalError("--steps must be 1 or more")
        }
        if configuration.isProduction, !options.force, !options.dryRun {
            throw RefusalError(
                "down refused: environment `\(configuration.environmentName ?? "?")` is marked production = true in strata.toml",
                nextStep: "rolling back runs each migration's down.sql, which may drop data; run `strata migrate down --force` "
                    + "if that is what you want (or --dry-run to see the SQL first)")
        }
        return try await withLockedRun(
            "down", dryRun: options.dryRun, sum: .acceptingWorkInProgress, events: events,
            files: { migrations in try options.to.map { try migrations.resolve($0) } },
            plan: { files, history, dialect in
                try rollbackScripts(
                    files.migrations, keep: files.extra, options: options, history: history, dialect: dialect,
                    underLock: false)
            },
            // Nothing to roll back: nothing to lock, and nothing to create (an SQLite file).
            changes: { !$0.isEmpty }
        ) { files, _, run in
            try await down(files.migrations, keep: files.extra, options: options, run: run, events: events)
        }
    }

    private func down(
        _ migrations: [Migration], keep: Migration?, options: DownOptions, run: LockedRun,
        events: @escaping MigratorEventHandler
    ) async throws -> DownReport {
        let (session, table, history) = (run.session, run.table, run.history)
        let prepared = try rollbackScripts(
            migrations, keep: keep, options: options, history: history, dialect: session.dialect, events: events)
        let setup = try await historySetup(table, reader: run.reader, history: history)
        let runner = scriptRunner(session, table: table, events: events)

        var report = DownReport()
        if options.dryRun {
            report.planned = prepared.map(\.migration.name)
            report.dryRunSQL = DryRunScript.render(
                operation: "down", database: configuration.url.description,
                lockSQL: session.migrationLockSQL(for: table.reference), setup: setup.statements,
                scripts: runner.dryRun(prepared, direction: .down))
            return report
        }
        // Nothing to roll back: nothing to create either.
        guard !prepared.isEmpty else { return report }
        try await runSetup(setup, table: table, history: history, session: session, events: events)
        report.rolledBack = try await runAll(prepared, with: runner, direction: .down, table: table, events: events)
        return report
    }

    /// The rollback scripts `down` runs given `history`, newest application
    /// first, parsed, after the integrity check; refuses when one has no
    /// `down.sql`. Without the lock (`underLock` false) a `running` row may
    /// be another runner's work in progress: that is judged under the lock.
    private func rollbackScripts(
        _ migrations: [Migration], keep: Migration?, options: DownOptions, history: History, dialect: any Dialect,
        underLock: Bool = true, events: MigratorEventHandler = { _ in }
    ) throws -> [PreparedScript] {
        let plan = Plan(migrations: migrations, history: history)
        try checkIntegrity(plan, operation: "down", allowOutOfOrder: true, runningIsProblem: underLock, events: events)

        // Newest application first: the reverse of the order they were applied in.
        let applied = plan.entries
            .filter { $0.state == .applied || ($0.state == .missing && $0.record?.state == .applied) }
            .sorted { ($0.record?.id ?? 0) > ($1.record?.id ?? 0) }
        let selected: [MigrationStatus]
        if let keep {
            guard plan.entries.contains(where: { $0.name == keep.name && $0.state == .applied }) else {
                throw RefusalError("`\(keep.name)` is not applied, so there is nothing to roll back to",
                                   nextStep: "run `strata migrate status` to see what is applied")
            }
            selected = applied.filter { Migration.precedes(keep.name, $0.name) }
        } else {
            selected = Array(applied.prefix(options.steps ?? 1))
        }

        let unrollable = selected.filter { $0.migration?.down.map { $0.isBlank } ?? true }
        guard unrollable.isEmpty else {
            throw RefusalError(
                "down refused: \(unrollable.count == 1 ? "a migration has" : "\(unrollable.count) migrations have") no rollback; nothing was changed",
                details: unrollable.map { entry in
                    guard let migration = entry.migration else { return "\(entry.name): its folder is missing" }
                    return migration.down == nil ? "\(entry.name): has no down.sql" : "\(entry.name): down.sql is empty"
                },
                nextStep: "write the rollback SQL in down.sql (then run `strata migrate hash`), or roll back fewer migrations")
        }
        return try selected.concurrentMap { entry in
            try PreparedScript(migration: entry.migration!, script: entry.migration!.down!, dialect: dialect)
        }
    }
}
