import Foundation

/// `strata lint` and `strata migrate plan`: the migrations judged before they run.
extension Migrator {
    /// The linter for this project's database and `[lint]` settings.
    ///
    /// - Throws: ``ConfigurationError`` for a rule id in `strata.toml` the dialect does not have.
    public func linter() throws -> Linter {
        try Linter(
            dialect: driver.dialect, configuration: configuration.lint, statementLockTimeout: configuration.statementLockTimeout,
            offersRecipes: driver.recipeWriter != nil)
    }

    /// Lints files without a database: each migration is judged as if the
    /// ones before it were applied (what they created exists and may hold rows).
    ///
    /// - Parameter paths: files, or migrations folders; empty for the project's migrations folder.
    ///
    /// ```swift
    /// let report = try migrator.lint(paths: ["migrations"])
    /// if report.hasErrors { exit(1) }
    /// ```
    public func lint(paths: [String] = []) throws -> LintReport {
        let linter = try linter()
        let scripts = try lintScripts(paths)
        return linter.judge(try linter.read(scripts.map { [$0] }))
    }

    /// Lints against the live database: the pending migrations (or the files
    /// at `paths`) as one run, with the live schema and the size of every
    /// table they lock. The report's ``LintReport/statements`` is the lock report.
    public func plan(paths: [String] = []) async throws -> LintReport {
        try await withSession(checking: { () throws -> [Migration]? in
            paths.isEmpty ? try loadMigrations() : nil
        }, reading: { [self] session in
            try await HistoryReader(table: historyTable(session), session: session).read()
        }, readOnly: true) { migrations, history, session in
            let linter = try linter()
            let input: Linter.Input
            if let migrations {
                let pending = try pendingScripts(migrations, target: nil, history: history, options: DeployOptions(), dialect: session.dialect, underLock: false)
                input = try linter.read(prepared: pending)
            } else {
                input = try linter.read([try lintScripts(paths)])
            }
            return try await judge(input, with: linter, on: session, lockReport: true)
        }
    }

    /// Judges `input` against the live schema and statistics of `session`'s database.
    ///
    /// The catalog reads wait at most ``liveReadLockTimeout`` for a lock (a
    /// migration or a long transaction may hold ACCESS EXCLUSIVE on a table
    /// whose definition they read); past it the files are judged without the
    /// live schema, and the report says so.
    func judge(_ input: Linter.Input, with linter: Linter, on session: any Database, lockReport: Bool = false) async throws -> LintReport {
        guard !input.files.isEmpty else { return linter.judge(input, lockReport: lockReport) }
        let dialect = session.dialect
        if let limit = dialect.lockTimeoutSQL(Self.liveReadLockTimeout, inTransaction: false) { try await session.execute(limit) }
        var schema: Schema?
        var statistics: [TableReference: RelationStatistics] = [:]
        var note: String?
        do {
            schema = try await (session as? any SchemaIntrospection)?.introspectSchema(
                IntrospectionScope(excludedTables: [historyTable(session).reference]))
            var relations = input.lockedRelations
            if let schema {
                // A dropped index is sized by its table.
                let tableOfIndex = Dictionary(
                    schema.tables.flatMap { table in table.indexes.map { ($0.name, TableReference(schema: table.name.schema, name: table.name.name)) } },
                    uniquingKeysWith: { first, _ in first })
                relations += relations.compactMap { tableOfIndex[$0.name] }
            }
            statistics = try await (session as? any RelationStatisticsReading)?.relationStatistics(relations) ?? [:]
        } catch let error as DatabaseError where !Task.isCancelled {
            // The linter only advises: a catalog it cannot read (a lock held past the wait, a
            // permission) never stops the command it advises; the report says what it missed.
            schema = nil
            statistics = [:]
            let why = error.kind == .lockNotAvailable ? "within \(Self.liveReadLockTimeout.formattedSeconds) " : ""
            note = "the live schema could not be read \(why)(\(error.message)): judged from the files alone, without table sizes"
        }
        if let reset = dialect.lockTimeoutSQL(nil, inTransaction: false) { try await session.execute(reset) }
        var report = linter.judge(input, schema: schema, statistics: statistics, lockReport: lockReport)
        if let note { report.notes.append(note) }
        return report
    }

    /// How long the linter's catalog reads wait for a lock.
    static let liveReadLockTimeout: Duration = .seconds(2)

    /// The database Prisma's `migration_lock.toml` names for the migrations
    /// at `paths`: in a folder given, or the migrations folder a migration
    /// (or its `migration.sql`) is in. `nil` when none says.
    public static func driver(declaredNear paths: [String], among drivers: [DatabaseDriver]) throws -> DatabaseDriver? {
        for path in paths {
            var folder = FileSystem.entries(of: path) == nil ? parentFolder(path) : path
            for _ in 0..<3 {
                if let provider = try prismaProvider(in: MigrationDirectory(path: folder)) {
                    return try driver(for: provider, among: drivers)
                }
                folder = parentFolder(folder)
            }
        }
        return nil
    }

    private static func parentFolder(_ path: String) -> String {
        let trimmed = path.hasSuffix("/") ? String(path.dropLast()) : path
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }

    /// The scripts at `paths`: a `.sql` file; a folder of migrations (each
    /// one's `migration.sql`); or a folder of `.sql` files, in name order.
    func lintScripts(_ paths: [String]) throws -> [MigrationScript] {
        guard !paths.isEmpty else { return try loadMigrations().map(\.up) }
        return try paths.flatMap { path -> [MigrationScript] in
            guard let entries = FileSystem.entries(of: path) else {
                guard FileManager.default.fileExists(atPath: path) else {
                    throw MigrationFileError(path: path, problem: "does not exist", nextStep: "give a .sql file or a folder of migrations")
                }
                return [try MigrationScript(readingFile: path)]
            }
            let folders = entries.filter { $0.isDirectory && !$0.name.hasPrefix(".") }
            if folders.contains(where: { FileManager.default.fileExists(atPath: joinPath(joinPath(path, $0.name), "migration.sql")) }) {
                return try MigrationDirectory(path: path).load().map(\.up)
            }
            let files = entries.filter { !$0.isDirectory && $0.name.hasSuffix(".sql") }.map(\.name)
                .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            guard !files.isEmpty else {
                throw MigrationFileError(path: path, problem: "holds no migrations and no .sql files", nextStep: "give a .sql file or a folder of migrations")
            }
            return try files.concurrentMap { try MigrationScript(readingFile: joinPath(path, $0)) }
        }
    }
}
