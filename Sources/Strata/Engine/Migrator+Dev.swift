import Foundation

/// What `migrate dev` is asked to do.
public struct DevOptions: Sendable {
    /// The new migration's name, e.g. `add_user_bio`.
    public var name: String
    /// `schema.prisma` (a file or a folder of them).
    public var schemaPath: String
    /// Confirmed renames (`old=new`, `table.old=new`).
    public var renames: [String]
    /// Write a migration that drops data.
    public var acceptDataLoss: Bool
    /// Write the migration but do not apply it.
    public var createOnly: Bool

    public init(name: String, schemaPath: String, renames: [String] = [], acceptDataLoss: Bool = false, createOnly: Bool = false) {
        self.name = name
        self.schemaPath = schemaPath
        self.renames = renames
        self.acceptDataLoss = acceptDataLoss
        self.createOnly = createOnly
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
    /// The deploy to the dev database, unless `createOnly`.
    public var deploy: DeployReport?
}

extension Migrator {
    /// `migrate dev`: diffs the schema file against what the migrations
    /// build (both on shadow databases), writes the difference as a new
    /// migration with its `down.sql`, records it in `strata.sum`, and
    /// applies pending migrations to the dev database.
    ///
    /// Before anything is written, the new migration is tried on the shadow
    /// database: applied, rolled back with its `down.sql` (the schema must
    /// come back exactly), and applied again.
    ///
    /// - Throws: ``RefusalError`` when the migration would lose data and
    ///   `acceptDataLoss` is off (nothing is written then), and the errors
    ///   of ``schemaDiff(from:to:renames:)`` and ``deploy(_:events:)``.
    public func dev(_ options: DevOptions, events: @escaping MigratorEventHandler = { _ in }) async throws -> DevReport {
        guard let renderer = driver.schemaRenderer else {
            throw ShadowDatabaseError(summary: "Strata cannot write \(driver.name) schema changes yet")
        }
        // A project's first `migrate dev` makes the migrations folder.
        let migrations = directory.exists ? try loadMigrations() : []
        if directory.exists { _ = try verifySum(migrations, operation: "dev", acceptingWorkInProgress: true) }
        let prismaShadow = try prismaShadowSetting(of: [.prismaSchema(path: options.schemaPath)])
        let sharesOneShadow = try configuredShadow(prismaShadow) != nil
        let plan = try await withReplayedShadow(migrations, prismaShadow: prismaShadow) { shadow in
            let replay = ShadowReplay(session: shadow)
            let applied = try await introspect(shadow)
            let desired: Schema
            if sharesOneShadow {
                // One configured shadow: the schema file is built on it too, then the history again.
                let (_, model) = try prismaModel(at: options.schemaPath, extensions: applied.extensions)
                try await empty(shadow)
                try await create(model, from: options.schemaPath, renderer: renderer, on: shadow)
                desired = try await introspect(shadow)
                try await empty(shadow)
                try await replay.apply(migrations)
            } else {
                desired = try await schema(
                    of: .prismaSchema(path: options.schemaPath), renderer: renderer, throughDatabase: true,
                    extensions: applied.extensions)
            }
            let renames = try SchemaRenames(parsing: options.renames, from: applied)
            let diff = SchemaDiffer(renames: renames).diff(from: applied, to: desired)
            guard !diff.migration.isEmpty else { return DevPlan(diff: diff, up: "", down: "") }
            let reverse = SchemaDiffer(renames: renames.reversed).diff(from: desired, to: applied)
            let up = GeneratedScript(statements: try renderer.render(diff.migration), warnings: diff.warnings).text
            let down = GeneratedScript(statements: try renderer.render(reverse.migration), warnings: []).text
            let losses = diff.warnings.filter { $0.kind == .losesData }
            if !losses.isEmpty, !options.acceptDataLoss {
                throw RefusalError(
                    "the migration would lose data",
                    details: losses.map(\.message) + diff.renameCandidates.map(\.description),
                    nextStep: diff.renameCandidates.isEmpty
                        ? "rerun with --accept-data-loss once you have checked the changes"
                        : "confirm each rename with --rename, or rerun with --accept-data-loss to drop and add")
            }
            try await rehearse(up: up, down: down, on: shadow, expecting: applied, then: desired)
            return DevPlan(diff: diff, up: up, down: down)
        }
        var written: Migration?
        if !plan.diff.migration.isEmpty {
            let migration = try newMigration(named: options.name)
            try Data(plan.up.utf8).write(to: URL(fileURLWithPath: migration.up.path))
            try Data(plan.down.utf8).write(to: URL(fileURLWithPath: migration.down?.path ?? joinPath(directory.path, migration.name + "/down.sql")))
            let reread = try loadMigrations()
            try SumFile(migrations: reread).write(to: directory.sumFilePath)
            written = reread.first { $0.name == migration.name }
        }
        let deployed = options.createOnly ? nil : try await deploy(DeployOptions(), events: events)
        return DevReport(
            written: written, script: plan.up, downScript: plan.down, warnings: plan.diff.warnings,
            renameCandidates: plan.diff.renameCandidates, deploy: deployed)
    }

    /// Applies `up`, then `down` (the schema must be `before` again), then
    /// `up` once more (it must be `after`), on the shadow database.
    private func rehearse(up: String, down: String, on shadow: any Database, expecting before: Schema, then after: Schema) async throws {
        let replay = ShadowReplay(session: shadow)
        try await replay.apply(script: up, file: "the new migration.sql")
        try await replay.apply(script: down, file: "the new down.sql")
        let restored = try await introspect(shadow)
        let difference = SchemaDiffer().diff(from: before, to: restored)
        guard difference.migration.isEmpty else {
            throw RefusalError(
                "the generated down.sql does not restore the schema",
                details: difference.migration.changes.map(\.summary),
                nextStep: "report this as a Strata bug, with your schema")
        }
        try await replay.apply(script: up, file: "the new migration.sql")
        let reapplied = try await introspect(shadow)
        guard SchemaDiffer().diff(from: after, to: reapplied).migration.isEmpty else {
            throw RefusalError("the generated migration does not reach the schema", nextStep: "report this as a Strata bug, with your schema")
        }
    }
}

private struct DevPlan: Sendable {
    var diff: SchemaDiff
    var up: String
    var down: String
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
