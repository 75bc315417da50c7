/// How `reset` runs.
public struct ResetOptions: Sendable {
    /// Required to drop anything: reset destroys every object and all data.
    public var force: Bool
    /// Print the SQL instead of running it (needs no `force`).
    public var dryRun: Bool
    /// Run the seeds (`seeds/*.sql`, then `seeders`) after the migrations.
    public var seed: Bool
    /// Swift seeders, run after the seeds folder's files.
    public var seeders: [any Seeder]

    public init(force: Bool = false, dryRun: Bool = false, seed: Bool = true, seeders: [any Seeder] = []) {
        self.force = force
        self.dryRun = dryRun
        self.seed = seed
        self.seeders = seeders
    }
}

extension Migrator {
    /// Drops every object the user owns in the target schema (SQLite: every
    /// table), then applies every migration from the start and runs the
    /// seeds (``ResetOptions/seed``). For development.
    ///
    /// Refuses without ``ResetOptions/force``, in every environment; the CLI
    /// also asks for the database name on a terminal in one marked
    /// `production = true`.
    @discardableResult
    public func reset(_ options: ResetOptions, events: @escaping MigratorEventHandler = { _ in }) async throws -> DeployReport {
        guard options.force || options.dryRun else {
            throw RefusalError(
                "reset refused: it drops every object and all data in \(configuration.url)",
                nextStep: "run `strata migrate reset --force` if that is what you want (or --dry-run to see the SQL first)")
        }
        // The seeds are read and parsed before anything is dropped.
        let seeds = options.seed && !options.dryRun ? try seedSources(SeedOptions(seeders: options.seeders)) : []
        return try await withLockedRun(
            "reset", dryRun: options.dryRun, sum: .acceptingWorkInProgress, events: events,
            files: { migrations in
                // Every script is parsed before anything is dropped.
                let dialect = driver.dialect
                return try migrations.concurrentMap { try PreparedScript(migration: $0, script: $0.up, dialect: dialect) }
            },
            plan: { _, _, _ in }
        ) { files, _, run in
            let session = run.session
            let plan = try await session.resetPlan(historyTable: run.table.reference)
            let drops = plan.statements + [run.table.reference, run.reader.prismaTable].map(session.dialect.dropTableIfExistsSQL)
            if !options.dryRun {
                for statement in drops { try await session.execute(statement) }
                events(.droppedObjects(count: plan.objectCount))
            }
            var report = try await deploy(
                files.migrations, target: nil, options: DeployOptions(dryRun: options.dryRun, allowOutOfOrder: true),
                session: session, table: run.table, history: History(records: [], source: .none), events: events,
                after: drops, prepared: files.extra)
            report.droppedObjects = plan.objectCount
            if !seeds.isEmpty { report.seeds = try await runSeeds(seeds, force: true, on: session) }
            return report
        }
    }
}
