/// How `reset` runs.
public struct ResetOptions: Sendable {
    /// Required to drop anything: reset destroys every object and all data.
    public var force: Bool
    /// Print the SQL instead of running it (needs no `force`).
    public var dryRun: Bool

    public init(force: Bool = false, dryRun: Bool = false) {
        self.force = force
        self.dryRun = dryRun
    }
}

extension Migrator {
    /// Drops every object the user owns in the target schema (SQLite: every
    /// table), then applies every migration from the start. For development.
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
        return try await withSession(checking: {
            let migrations = try loadMigrations()
            try verifySum(migrations, operation: "reset")
            // Every script is parsed before anything is dropped.
            let dialect = driver.dialect
            let prepared = try migrations.concurrentMap { try PreparedScript(migration: $0, script: $0.up, dialect: dialect) }
            return (migrations, prepared)
        }, readOnly: options.dryRun) { files, session in
            let (migrations, prepared) = files
            let table = historyTable(session)
            return try await withMigrationLock(session, table: table.reference, events: events, unlessDryRun: options.dryRun) {
                let plan = try await session.resetPlan(historyTable: table.reference)
                let prisma = HistoryReader(table: table, session: session).prismaTable
                let drops = plan.statements + [table.reference, prisma].map(session.dialect.dropTableIfExistsSQL)
                if !options.dryRun {
                    for statement in drops { try await session.execute(statement) }
                    events(.droppedObjects(count: plan.objectCount))
                }
                var report = try await deploy(
                    migrations, target: nil, options: DeployOptions(dryRun: options.dryRun, allowOutOfOrder: true),
                    session: session, table: table, events: events, after: drops, prepared: prepared)
                report.droppedObjects = plan.objectCount
                return report
            }
        }
    }
}
