/// How `deploy` runs.
public struct DeployOptions: Sendable {
    /// Print the SQL instead of running it.
    public var dryRun: Bool
    /// Apply up to and including this migration (folder name or version).
    public var target: String?
    /// Apply pending migrations that sort before applied ones.
    public var allowOutOfOrder: Bool

    public init(dryRun: Bool = false, target: String? = nil, allowOutOfOrder: Bool = false) {
        self.dryRun = dryRun
        self.target = target
        self.allowOutOfOrder = allowOutOfOrder
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
    /// simply tried again.
    ///
    /// ```swift
    /// let report = try await migrator.deploy(DeployOptions(target: "20240115120000"))
    /// for migration in report.applied { print(migration.name, migration.durationMilliseconds) }
    /// ```
    @discardableResult
    public func deploy(
        _ options: DeployOptions = DeployOptions(), events: @escaping MigratorEventHandler = { _ in }
    ) async throws -> DeployReport {
        // Until everything is checked the session changes nothing; where
        // opening one creates the database (SQLite), the run opens another.
        let checkingOnly = options.dryRun || !driver.connectingChangesNothing
        return try await withSession(checking: {
            let migrations = try loadMigrations()
            let sum = try verifySum(migrations, operation: "deploy", acceptingWorkInProgress: true)
            if !sum.exists {
                events(.warning("\(directory.sumFilePath) does not exist; run `strata migrate hash` to create it"))
            }
            return (migrations, target: try options.target.map { try migrations.resolve($0) }, sum)
        }, readOnly: checkingOnly) { files, session in
            let (migrations, target, sum) = files
            // Everything is read and checked before the lock: a syntax error
            // or an integrity problem is reported at once, not after waiting
            // for another runner. Under the lock the history is read again.
            let table = historyTable(session)
            let history = try await HistoryReader(table: table, session: session).read()
            try acceptWorkInProgress(sum, history: history, operation: "deploy", write: !options.dryRun, events: events)
            let checked = try pendingScripts(
                migrations, target: target, history: history, options: options, dialect: session.dialect, underLock: false)
            func run(on session: any Database) async throws -> DeployReport {
                try await deploy(
                    migrations, target: target, options: options, session: session, table: table, events: events,
                    prepared: checked)
            }
            if options.dryRun { return try await run(on: session) }
            return try await withChangingSession(session) { session in
                try await withMigrationLock(session, table: table.reference, events: events) { try await run(on: session) }
            }
        }
    }

    /// Deploys on an open session; `reset` calls it after dropping everything.
    /// Scripts already in `prepared` are not parsed again.
    func deploy(
        _ migrations: [Migration], target: Migration?, options: DeployOptions, session: any Database,
        table: HistoryTable, events: @escaping MigratorEventHandler, after drops: [String] = [],
        prepared known: [PreparedScript] = []
    ) async throws -> DeployReport {
        let reader = HistoryReader(table: table, session: session)
        var history = drops.isEmpty ? try await reader.read() : History(records: [], source: .none)
        if !options.dryRun, history.source == .strata,
           try await settleInterruptedRuns(history, migrations: migrations, session: session, table: table, events: events) {
            history = try await reader.read()
        }
        let prepared = try pendingScripts(
            migrations, target: target, history: history, options: options, dialect: session.dialect,
            known: known, events: events)
        let setup = drops.isEmpty
            ? try await historySetup(table, reader: reader, history: history)
            : try await creatingTable(table, session: session)
        let runner = scriptRunner(session, table: table, events: events)

        var report = DeployReport()
        report.dropStatements = drops
        if options.dryRun {
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
        report.applied = try await runAll(prepared, with: runner, direction: .up, table: table, events: events)
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
        var problems: [IntegrityError.Problem] = []
        let newer = Set(plan.missingFromNewerRelease.map(\.name))
        let lastApplied = plan.entries.filter { $0.state == .applied }.map(\.name).max(by: Migration.precedes)
        for entry in plan.entries {
            switch entry.state {
            case .failed where !entry.failedCleanly: problems.append(.failed(entry))
            case .running where runningIsProblem: problems.append(.interrupted(entry))
            case .edited: problems.append(.edited(entry))
            case .missing where !newer.contains(entry.name): problems.append(.missing(entry))
            case .outOfOrder where !allowOutOfOrder: problems.append(.outOfOrder(entry, lastApplied: lastApplied))
            default: break
            }
        }
        guard problems.isEmpty else { throw IntegrityError(operation: operation, problems: problems) }
        if !newer.isEmpty {
            let them = newer.count == 1 ? "1 migration" : "\(newer.count) migrations"
            events(.warning("the database has \(them) newer than this folder (\(newer.sorted().joined(separator: ", "))): applied by a newer release"))
        }
    }
}
