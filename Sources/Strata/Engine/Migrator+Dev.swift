import Foundation

/// What `migrate dev` is asked to do.
public struct DevOptions: Sendable {
    /// The new migration's name, e.g. `add_user_bio`.
    public var name: String
    /// The desired schema: `schema.prisma` (a file or a folder of them) or
    /// SQL DDL (a `.sql` file or a folder of them), ``SchemaSourceSpec/prismaSchema(path:)``
    /// or ``SchemaSourceSpec/sqlSchema(path:)``.
    public var schema: SchemaSourceSpec
    /// Confirmed renames (`old=new`, `table.old=new`).
    public var renames: [String]
    /// Write a migration that drops data.
    public var acceptDataLoss: Bool
    /// Write the migration but do not apply it.
    public var createOnly: Bool
    /// Who answers `migrate dev`'s questions (renames, a reset after drift);
    /// `nil`: nobody, so what needs an answer is refused.
    public var decisions: (any DevDecisions)?

    public init(
        name: String, schema: SchemaSourceSpec, renames: [String] = [], acceptDataLoss: Bool = false, createOnly: Bool = false,
        decisions: (any DevDecisions)? = nil
    ) {
        self.name = name
        self.schema = schema
        self.renames = renames
        self.acceptDataLoss = acceptDataLoss
        self.createOnly = createOnly
        self.decisions = decisions
    }
}

/// What `migrate dev` did.
public struct DevReport: Sendable {
    /// The migration written, or `nil` when the schema matched the history.
    public var written: Migration?
    /// Its SQL, and the SQL of its `down.sql`.
    public var script: String
    public var downScript: String
    public var warnings: [SchemaWarning]
    public var renameCandidates: [RenameCandidate]
    /// The renames the migration makes: those passed and those confirmed when asked (`--rename` arguments).
    public var renames: [String]
    /// Whether the dev database was created (the server had none by its name).
    public var createdDatabase: Bool
    /// The drift the dev database was reset after, when it was.
    public var resetAfter: DevDrift?
    /// The deploy to the dev database, unless `createOnly`.
    public var deploy: DeployReport?
    /// The linter's findings on the migration written, judged after the history before it.
    public var lint: LintReport?
}

extension Migrator {
    /// `migrate dev`: diffs the schema file against what the migrations
    /// build (both on shadow databases), writes the difference as a new
    /// migration with its `down.sql`, records it in `strata.sum`, and
    /// applies pending migrations to the dev database.
    ///
    /// First the dev database is checked against its history: a migration
    /// failed, edited, missing or out of order, or a schema changed by hand,
    /// is drift. `options.decisions` may then reset the database (drop
    /// everything, apply the migrations again); without them nothing is
    /// written. Each possible rename is put to `options.decisions` too.
    ///
    /// Before anything is written, the new migration is tried on the shadow
    /// database: applied, rolled back with its `down.sql` (the schema must
    /// come back exactly), and applied again.
    ///
    /// - Throws: ``DriftError`` when the dev database drifted and was not
    ///   reset, ``RefusalError`` when the migration would lose data and
    ///   `acceptDataLoss` is off (nothing is written then), and the errors
    ///   of ``schemaDiff(from:to:renames:)`` and ``deploy(_:events:)``.
    public func dev(_ options: DevOptions, events: @escaping MigratorEventHandler = { _ in }) async throws -> DevReport {
        guard let renderer = driver.schemaRenderer else {
            throw ShadowDatabaseError(summary: "Strata cannot write \(driver.name) schema changes yet")
        }
        // A project's first `migrate dev` makes the migrations folder.
        let migrations = directory.exists ? try loadMigrations() : []
        if directory.exists { _ = try verifySum(migrations, operation: "dev", acceptingWorkInProgress: true) }
        guard options.schema.isSchemaFile else {
            throw RefusalError(
                "migrate dev writes migrations from a schema file, not from \(options.schema)",
                nextStep: "pass --schema with a schema.prisma, a .sql file or a folder of either")
        }
        let prismaShadow = try prismaShadowSetting(of: [options.schema])
        let work = DevWork(options: options, migrations: migrations, prismaShadow: prismaShadow, renderer: renderer)

        // The dev database is made when the server has none yet, as Prisma does; never in production.
        var createdDatabase = false
        if let create = driver.createDatabase, !configuration.isProduction, driver.schemes.contains(configuration.url.scheme) {
            createdDatabase = try await create(
                ConnectionRequest(url: configuration.url, schema: configuration.schema, applicationName: "strata \(RunnerIdentity.current)"))
        }
        let (plan, resetAfter) = try await planSettlingDrift(work, events: events)

        var written: Migration?
        if !plan.diff.migration.isEmpty {
            let migration = try newMigration(named: options.name)
            try Data(plan.up.utf8).write(to: URL(fileURLWithPath: migration.up.path))
            try Data(plan.down.utf8).write(to: URL(fileURLWithPath: migration.down?.path ?? joinPath(directory.path, migration.name + "/down.sql")))
            let reread = try loadMigrations()
            try SumFile(migrations: reread).write(to: directory.sumFilePath)
            written = reread.first { $0.name == migration.name }
        }
        let lint = try written.map { try lintWritten($0, after: migrations) }
        let deployed = options.createOnly ? nil : try await deploy(DeployOptions(), events: events)
        return DevReport(
            written: written, script: plan.up, downScript: plan.down, warnings: plan.diff.warnings,
            renameCandidates: plan.diff.renameCandidates, renames: plan.renames, createdDatabase: createdDatabase, resetAfter: resetAfter,
            deploy: deployed, lint: lint)
    }

    /// Lints a migration `migrate dev` wrote, each earlier migration taken as applied before it.
    private func lintWritten(_ migration: Migration, after history: [Migration]) throws -> LintReport {
        let linter = try linter()
        var report = linter.judge(try linter.read((history.map(\.up) + [migration.up]).map { [$0] }))
        report.findings = report.findings.filter { $0.file == migration.up.path }
        report.statements = report.statements.filter { $0.file == migration.up.path }
        report.files = [migration.up.path]
        return report
    }

    /// The drift a status read shows: migrations that stop a deploy, or,
    /// when some are still pending, the live schema against a replay of the
    /// applied ones. When every migration is applied and no problem stands,
    /// ``historySchema(_:comparingLive:)`` compares the schema, on the
    /// shadow it reads anyway.
    private func devDrift(before work: DevWork) async throws -> DevDriftCheck {
        guard directory.exists else { return .onShadow }
        let database = configuration.url.description
        let status: StatusReport
        do {
            status = try await self.status()
        } catch let refusal as IntegrityError {
            // strata.sum took an edit as work in progress, but the history has that migration applied.
            return .drifted(DevDrift(database: database, problems: refusal.problems))
        }
        // A `running` row is the deploy's to settle (or refuse) once it holds the lock.
        let problems = MigrationStatus.problems(in: status.migrations.filter { $0.state != .running }).map(\.problem)
        if !problems.isEmpty { return .drifted(DevDrift(database: database, problems: problems)) }
        let applied = status.migrations.filter { $0.state == .applied }.compactMap(\.migration)
        guard applied.count < work.migrations.count else { return .onShadow }
        let changes = try await drift(ofApplied: applied).migration.changes.map(\.summary)
        return changes.isEmpty ? .none : .drifted(DevDrift(database: database, changes: changes))
    }

    /// The migration `work` asks for, once the dev database is known to
    /// hold what its migrations build, or was reset after its drift (what
    /// was found is returned with the plan then).
    private func planSettlingDrift(_ work: DevWork, events: @escaping MigratorEventHandler) async throws -> (DevPlan, resetAfter: DevDrift?) {
        let check = try await devDrift(before: work)
        if case .drifted(let drift) = check { return try await reset(after: drift, work, events: events) }
        let comparingLive = if case .onShadow = check { true } else { false }
        let history = try await historySchema(work, comparingLive: comparingLive)
        guard history.liveChanges.isEmpty else {
            return try await reset(after: DevDrift(database: configuration.url.description, changes: history.liveChanges), work, events: events)
        }
        return (try await plan(work, applied: history.schema), nil)
    }

    /// Resets the dev database after `drift` when `work`'s decisions say
    /// so (never in production), then plans on it.
    ///
    /// - Throws: ``DriftError`` when there is nobody to ask, or the answer is no.
    private func reset(after drift: DevDrift, _ work: DevWork, events: @escaping MigratorEventHandler) async throws -> (DevPlan, resetAfter: DevDrift?) {
        guard !configuration.isProduction, let decisions = work.options.decisions, await decisions.resetAfterDrift(drift) else {
            throw DriftError(database: drift.database, migrationsPath: configuration.migrationsPath, changes: drift.details, operation: .dev)
        }
        _ = try await reset(ResetOptions(force: true), events: events)
        return (try await plan(work, applied: try await historySchema(work, comparingLive: false).schema), drift)
    }

    /// What the migrations build (read from their snapshot where one is
    /// kept); `comparingLive`: with how the dev database differs from it.
    private func historySchema(_ work: DevWork, comparingLive: Bool) async throws -> (schema: Schema, liveChanges: [String]) {
        try await withReplayedShadow(work.migrations, prismaShadow: work.prismaShadow, readingOnly: true) { shadow in
            let applied = try await introspect(shadow)
            guard comparingLive else { return (applied, []) }
            let live = try await schema(of: .database(configuration.url), renderer: work.renderer, throughDatabase: true, whenMissing: .readAsEmpty)
            return (applied, SchemaDiffer().diff(from: applied, to: live).migration.changes.map(\.summary))
        }
    }

    /// The migration from `applied` (what the migrations build) to the
    /// schema file, rehearsed on a shadow holding the history when there is one.
    private func plan(_ work: DevWork, applied: Schema) async throws -> DevPlan {
        let options = work.options, renderer = work.renderer, migrations = work.migrations
        let desired = try await schemaFileThroughSnapshot(
            options.schema, renderer: renderer, takingFrom: applied, prismaShadow: work.prismaShadow)
        let (diff, renames, arguments) = try await diffAskingRenames(from: applied, to: desired, options: options)
        guard !diff.migration.isEmpty else { return DevPlan(diff: diff, up: "", down: "", renames: arguments) }
        let reverse = SchemaDiffer(renames: renames.reversed).diff(from: desired, to: applied)
        let up = GeneratedScript(statements: try renderer.render(diff.migration), warnings: diff.warnings).text
        let down = GeneratedScript(statements: try renderer.render(reverse.migration), warnings: []).text
        let losses = diff.warnings.filter { $0.kind == .losesData }
        if !losses.isEmpty, !options.acceptDataLoss, await !(options.decisions?.acceptsDataLoss(losses) ?? false) {
            throw RefusalError(
                "the migration would lose data",
                details: losses.map(\.message) + diff.renameCandidates.map(\.description),
                nextStep: diff.renameCandidates.isEmpty
                    ? "rerun with --accept-data-loss once you have checked the changes"
                    : "confirm each rename with --rename, or rerun with --accept-data-loss to drop and add")
        }
        try await withReplayedShadow(migrations, prismaShadow: work.prismaShadow) { shadow in
            try await rehearse(up: up, down: down, on: shadow, expecting: applied, then: desired)
        }
        return DevPlan(diff: diff, up: up, down: down, renames: arguments)
    }

    /// Diffs `applied` with `desired` under the renames passed, then puts
    /// each possible rename left to `options.decisions`, one at a time: a
    /// confirmed one changes the diff (and the candidates after it).
    private func diffAskingRenames(
        from applied: Schema, to desired: Schema, options: DevOptions
    ) async throws -> (SchemaDiff, SchemaRenames, arguments: [String]) {
        var arguments = options.renames
        var asked: [RenameCandidate] = []
        while true {
            let renames = try SchemaRenames(parsing: arguments, from: applied)
            let diff = SchemaDiffer(renames: renames).diff(from: applied, to: desired)
            guard let decisions = options.decisions else { return (diff, renames, arguments) }
            var confirmed: RenameCandidate?
            for candidate in diff.renameCandidates where !asked.contains(candidate) {
                asked.append(candidate)
                if await decisions.isRename(candidate) {
                    confirmed = candidate
                    break
                }
            }
            guard let confirmed else { return (diff, renames, arguments) }
            arguments.append(confirmed.argument)
        }
    }

    /// Applies `up`, then `down` (the schema must be `before` again), then
    /// `up` once more (it must be `after`), on the shadow database.
    private func rehearse(up: String, down: String, on shadow: any Database, expecting before: Schema, then after: Schema) async throws {
        let replay = ShadowReplay(session: shadow)
        try await replay.apply(script: up, file: "the new migration.sql", origin: .generated)
        try await replay.apply(script: down, file: "the new down.sql", origin: .generated)
        let restored = try await introspect(shadow)
        let difference = SchemaDiffer().diff(from: before, to: restored)
        guard difference.migration.isEmpty else {
            throw RefusalError(
                "the generated down.sql does not restore the schema",
                details: difference.migration.changes.map(\.summary),
                nextStep: "report this as a Strata bug, with your schema")
        }
        try await replay.apply(script: up, file: "the new migration.sql", origin: .generated)
        let reapplied = try await introspect(shadow)
        guard SchemaDiffer().diff(from: after, to: reapplied).migration.isEmpty else {
            throw RefusalError("the generated migration does not reach the schema", nextStep: "report this as a Strata bug, with your schema")
        }
    }
}

/// What `migrate dev` was asked for, read once for every pass over the shadow.
private struct DevWork: Sendable {
    var options: DevOptions
    var migrations: [Migration]
    var prismaShadow: PrismaSetting?
    var renderer: any SchemaRenderer
}

/// What reading the dev database's status found.
private enum DevDriftCheck {
    case drifted(DevDrift)
    /// No drift: the pending migrations' schema was compared with what the applied ones build.
    case none
    /// Every migration is applied: the live schema is compared on the shadow the history is replayed on anyway.
    case onShadow
}

private struct DevPlan: Sendable {
    var diff: SchemaDiff
    var up: String
    var down: String
    /// The `--rename` arguments the diff was made with.
    var renames: [String]
}

extension SchemaRenames {
    /// The renames undone, for `down.sql`.
    var reversed: SchemaRenames {
        var reversed = SchemaRenames()
        for (old, new) in tables { reversed.tables[new] = old }
        for (table, columns) in self.columns {
            let oldTable = tables.first { $0.value == table }?.key ?? table
            reversed.columns[oldTable] = Dictionary(uniqueKeysWithValues: columns.map { ($0.value, $0.key) })
        }
        return reversed
    }
}
