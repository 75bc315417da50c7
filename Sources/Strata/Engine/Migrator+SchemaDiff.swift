import Foundation

/// `migrate diff`: the schema one source describes against another's, and
/// the SQL between them.
extension Migrator {
    /// Compares two sources and renders the way from the first to the second.
    /// A database not made yet (an SQLite file that does not exist) is the
    /// empty schema it would start from.
    ///
    /// `empty` and Prisma schemas are read as they are; migrations, SQL
    /// schemas and databases are read from a database's catalog (a shadow
    /// one for files, made near the configured database and always removed),
    /// and then Prisma schemas go through a shadow too, so both sides are
    /// spelled by the same database. Two databases are read concurrently.
    ///
    /// - Throws: ``SchemaSourceError``, ``PrismaSchemaError``, ``MigrationFileError``,
    ///   ``ShadowReplayError``, ``ShadowDatabaseError``, ``ConnectionError``.
    public func schemaDiff(from: SchemaSourceSpec, to: SchemaSourceSpec, renames renameArguments: [String] = []) async throws -> SchemaDiffReport {
        guard let renderer = driver.schemaRenderer else {
            throw ShadowDatabaseError(summary: "Strata cannot write \(driver.name) schema changes yet")
        }
        let readsCatalog = !from.isModel || !to.isModel
        let shadow = try prismaShadowSetting(of: [from, to])
        // The other side is read first: a Prisma schema takes what it cannot
        // declare from it (see ``prismaModel(at:takingFrom:)``).
        let old: Schema
        let new: Schema
        if case .prismaSchema = from {
            new = try await schema(
                of: to, renderer: renderer, throughDatabase: readsCatalog, whenMissing: .readAsEmpty, prismaShadow: shadow)
            old = try await schema(
                of: from, renderer: renderer, throughDatabase: readsCatalog, takingFrom: new, whenMissing: .readAsEmpty,
                prismaShadow: shadow)
        } else if case .database = from, case .database = to {
            // Two databases are read at once, each on its own connection.
            async let before = schema(of: from, renderer: renderer, throughDatabase: true, whenMissing: .readAsEmpty)
            async let after = schema(of: to, renderer: renderer, throughDatabase: true, whenMissing: .readAsEmpty)
            (old, new) = try await (before, after)
        } else {
            old = try await schema(
                of: from, renderer: renderer, throughDatabase: readsCatalog, whenMissing: .readAsEmpty, prismaShadow: shadow)
            new = try await schema(
                of: to, renderer: renderer, throughDatabase: readsCatalog, takingFrom: old, whenMissing: .readAsEmpty,
                prismaShadow: shadow)
        }
        let renames = try SchemaRenames(parsing: renameArguments, from: old)
        let diff = SchemaDiffer(renames: renames).diff(from: old, to: new)
        let statements = try render(diff.migration, with: renderer)
        return SchemaDiffReport(from: from, to: to, diff: diff, statements: statements)
    }

    /// The schema one source describes: `empty` and a Prisma schema as they
    /// are written, anything else read back from a database's catalog (a
    /// shadow one for migrations and SQL schemas, always removed).
    ///
    /// - Throws: as ``schemaDiff(from:to:renames:)``.
    public func readSchema(_ source: SchemaSourceSpec) async throws -> Schema {
        guard let renderer = driver.schemaRenderer else {
            throw ShadowDatabaseError(summary: "Strata cannot write \(driver.name) schema changes yet")
        }
        return try await schema(of: source, renderer: renderer, throughDatabase: !source.isModel)
    }

    /// The `shadowDatabaseUrl` of the first Prisma schema among `sources`, for every shadow of the command.
    func prismaShadowSetting(of sources: [SchemaSourceSpec]) throws -> PrismaSetting? {
        for case .prismaSchema(let path) in sources {
            return try PrismaSchema(files: PrismaSchemaSource.load(path), targetNamespace: configuration.schema ?? "public")
                .shadowDatabaseURL
        }
        return nil
    }

    func render(_ migration: SchemaMigration, with renderer: any SchemaRenderer) throws -> [RenderedStatement] {
        do {
            return try renderer.render(migration)
        } catch let error as SchemaRenderError {
            throw RefusalError("\(driver.name) cannot make this change: \(error.problem)", nextStep: error.nextStep)
        }
    }

    /// The schema a source describes; through a database's catalog when `throughDatabase`. A Prisma
    /// schema takes from `other` (the other side) what it cannot declare. A database
    /// that does not exist is an error unless `whenMissing` says otherwise. Shadows are made
    /// as ``withShadow(prismaShadow:_:)`` says.
    func schema(
        of source: SchemaSourceSpec, renderer: any SchemaRenderer, throughDatabase: Bool, takingFrom other: Schema = Schema(),
        whenMissing: ConnectionRequest.WhenMissing = .fail, prismaShadow: PrismaSetting? = nil
    ) async throws -> Schema {
        switch source {
        case .empty:
            return Schema()
        case .prismaSchema(let path):
            let (prisma, built) = try prismaModel(at: path, takingFrom: other)
            guard throughDatabase else { return built }
            return try await shadowSchema(prismaShadow: prismaShadow ?? prisma.shadowDatabaseURL) {
                try await create(built, from: path, renderer: renderer, on: $0)
            }
        case .sqlSchema(let path):
            let files = try Self.sqlFiles(at: path)
            return try await shadowSchema(prismaShadow: prismaShadow) { try await self.apply(sqlFiles: files, on: $0) }
        case .migrations(let path):
            let migrations = try MigrationDirectory(path: path).load()
            return try await withReplayedShadow(migrations, prismaShadow: prismaShadow, readingOnly: true) { try await introspect($0) }
        case .database(let url):
            guard driver.schemes.contains(url.scheme) else {
                throw RefusalError("\(url) is not a \(driver.name) database", nextStep: "compare databases of the configured product (\(driver.name))")
            }
            let request = ConnectionRequest(url: url, schema: configuration.schema, applicationName: "strata \(RunnerIdentity.current)", whenMissing: whenMissing)
            let session: any Database
            do {
                session = try await driver.connect(request)
            } catch let error as DatabaseError {
                throw ConnectionError(target: url.description, underlying: error)
            }
            return try await run(body: { try await introspect($0) }, on: session)
        }
    }

    /// The Prisma schema at `path`, and the model it describes, with what
    /// Prisma cannot declare taken from `other` (the schema it is compared
    /// with): its extensions when the datasource lists none (so an index
    /// using their operator classes builds), and its sequences no column owns
    /// (Prisma has no syntax for them; they must not be dropped).
    func prismaModel(at path: String, takingFrom other: Schema) throws -> (PrismaSchema, Schema) {
        let prisma = try PrismaSchema(files: PrismaSchemaSource.load(path), targetNamespace: configuration.schema ?? "public")
        try checkProvider(of: prisma, path: path)
        var built = prisma.schema
        if !prisma.managesExtensions { built.extensions = other.extensions }
        built.sequences = other.sequences
        return (prisma, built)
    }

    /// Runs the SQL that makes `schema` (read from `path`) on an empty `session`.
    func create(_ schema: Schema, from path: String, renderer: any SchemaRenderer, on session: any Database) async throws {
        try await ShadowReplay(session: session).apply(
            script: try creationScript(of: schema, renderer: renderer), file: "the SQL of \(path)", origin: .generated)
    }

    /// The SQL that makes `schema` on an empty database.
    func creationScript(of schema: Schema, renderer: any SchemaRenderer) throws -> String {
        try render(SchemaDiffer().diff(from: Schema(), to: schema).migration, with: renderer).map { $0.sql + ";" }.joined(separator: "\n")
    }

    /// Runs each SQL file, in order, on `session`.
    private func apply(sqlFiles files: [String], on session: any Database) async throws {
        for file in files {
            try await ShadowReplay(session: session).apply(script: try String(contentsOfFile: file, encoding: .utf8), file: file, origin: .schemaFile)
        }
    }

    /// Builds a shadow database with `build` and reads its schema.
    private func shadowSchema(
        prismaShadow: PrismaSetting?, _ build: @escaping (any Database) async throws -> Void
    ) async throws -> Schema {
        try await withShadow(prismaShadow: prismaShadow) { session in
            try await build(session)
            return try await introspect(session)
        }
    }

    /// The session's schema without Strata's and Prisma's bookkeeping tables.
    func introspect(_ session: any Database) async throws -> Schema {
        guard let introspector = session as? any SchemaIntrospection else {
            throw ShadowDatabaseError(summary: "Strata cannot read \(driver.name) schemas yet")
        }
        // The history, its lock row's table (SQLite), the data history and Prisma's history are Strata's, not the schema's.
        let names = [configuration.historyTable, configuration.historyTable + "_lock", configuration.historyTable + "_data", "_prisma_migrations"]
        let history = names.map { TableReference(schema: session.schema, name: $0) } + names.map { TableReference(name: $0) }
        return try await introspector.introspectSchema(IntrospectionScope(excludedTables: history))
    }

    private func checkProvider(of prisma: PrismaSchema, path: String) throws {
        guard driver.prismaProviders.contains(prisma.provider.rawValue) else {
            throw RefusalError(
                "\(path) is a \(prisma.provider.rawValue) schema, but the database is \(driver.name)",
                nextStep: "point --url (or DATABASE_URL) at a \(prisma.provider.rawValue) database, or change the datasource's provider")
        }
    }

    /// A `.sql` file, or a folder's `.sql` files in byte-wise name order.
    static func sqlFiles(at path: String) throws -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else { return [path] }
        return try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".sql") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }.map { path + "/" + $0 }
    }
}

extension Configuration {
    /// The configuration with the database of the first Prisma schema or
    /// database URL among `sources` declared, when no database URL was
    /// configured: `migrate diff --from empty --to schema.prisma` then writes
    /// that database's SQL without one, and `schema erd --from postgres://...`
    /// reads that database with its driver.
    ///
    /// - Throws: ``PrismaSchemaError`` for a schema that cannot be read.
    public func declaringProvider(of sources: [SchemaSourceSpec]) throws -> Configuration {
        guard urlSource == .embeddedDefault, provider == nil else { return self }
        var configuration = self
        for source in sources {
            switch source {
            case .prismaSchema(let path):
                configuration.provider = try PrismaSchema(files: PrismaSchemaSource.load(path)).provider.rawValue
                return configuration
            case .database(let url):
                configuration.url = url
                configuration.urlSource = .given
                return configuration
            case .empty, .sqlSchema, .migrations:
                continue
            }
        }
        return self
    }
}

/// What `migrate diff` found: both sources, the steps, and their SQL.
public struct SchemaDiffReport: Sendable {
    public var from: SchemaSourceSpec
    public var to: SchemaSourceSpec
    public var diff: SchemaDiff
    public var statements: [RenderedStatement]

    /// Whether the two sources describe the same schema.
    public var isEmpty: Bool { diff.migration.isEmpty }

    /// The migration file Strata writes for these steps: the warnings on
    /// top, then each statement under its heading, as Prisma lays it out.
    public var script: String { GeneratedScript(statements: statements, warnings: diff.warnings).text }
}
