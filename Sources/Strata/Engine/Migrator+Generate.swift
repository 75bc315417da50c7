import Foundation

/// `strata db seed --generate`: realistic rows made from the live schema.
extension Migrator {
    /// Fills tables with generated rows that the schema accepts: unique
    /// columns unique, foreign keys pointing at existing rows (referenced
    /// tables filled first), enum and check values honoured, `varchar(n)`
    /// lengths kept, timestamps in order. All tables in one transaction: a
    /// failure inserts nothing. Deterministic for a seed, a database and a
    /// `reference` time.
    ///
    /// ```swift
    /// let report = try await migrator.generateSeedData(try SeedGeneration(parsing: "users=10000,posts=50000", seed: 42))
    /// for table in report.tables { print(table.name, table.rows, table.rowsPerSecond) }
    /// ```
    ///
    /// - Parameter reference: the time generated instants fall around (created in the three years before it).
    /// - Throws: ``RefusalError`` before anything is inserted when a table is
    ///   missing or a column cannot be generated; ``SeedGenerationError`` when
    ///   the database refuses the rows (nothing inserted).
    public func generateSeedData(
        _ generation: SeedGeneration, reference: Date = Migrator.startOfToday(),
        events: @escaping @Sendable (SeedGenerationEvent) -> Void = { _ in }
    ) async throws -> SeedGenerationReport {
        try await withSession(checking: {}, reading: { _ in }) { _, _, session in
            try await withChangingSession(session) { session in
                try await generateRows(generation, reference: reference, on: session, events: events)
            }
        }
    }

    /// Generates rows on an open session (`migrate rehearse` fills its shadow with it).
    func generateRows(
        _ generation: SeedGeneration, reference: Date, on session: any Database, events: @escaping @Sendable (SeedGenerationEvent) -> Void
    ) async throws -> SeedGenerationReport {
        guard let loader = session as? any BulkLoading, let introspector = session as? any SchemaIntrospection else {
            throw RefusalError("Strata cannot generate rows on \(driver.name)", nextStep: "seed it with scripts in seeds/")
        }
        let requested = generation.counts.map { TableReference(qualified: $0.table) }
        let others = Set(requested.compactMap(\.schema).filter { $0 != session.schema }).sorted()
        let schema = try await introspector.introspectSchema(IntrospectionScope(namespaces: others))
        let fills = try TableFillPlanner(schema: schema, targetSchema: session.schema).plan(generation)
        events(.planned(fills.map { ($0.name.description, $0.rows) }))
        let started = ContinuousClock.now
        let tables = try await session.inTransaction { session in
            var tables: [SeedGenerationReport.Table] = []
            for fill in fills {
                events(.tableStarted(name: fill.name.description, rows: fill.rows))
                let table = try await load(fill, seed: generation.seed, reference: reference, into: loader, session: session, events: events)
                tables.append(table)
                events(.tableFinished(table))
            }
            return tables
        }
        let notes = fills.flatMap { fill in
            fill.uncheckedChecks.map { "\(fill.name): the check \($0) was left for the database to judge (Strata did not read its expression)" }
        }
        return SeedGenerationReport(
            seed: generation.seed, tables: tables, seconds: Double((ContinuousClock.now - started).milliseconds) / 1000, notes: notes)
    }

    /// The start of the current day in UTC: generated instants stay the same all day for a seed.
    public static func startOfToday() -> Date {
        let now = Date().timeIntervalSince1970
        return Date(timeIntervalSince1970: now - now.truncatingRemainder(dividingBy: 86_400))
    }

    /// How many rows between two progress events.
    static let progressEvery = 50_000

    private func load(
        _ fill: TableFill, seed: UInt64, reference: Date, into loader: any BulkLoading, session: any Database,
        events: @escaping @Sendable (SeedGenerationEvent) -> Void
    ) async throws -> SeedGenerationReport.Table {
        let started = ContinuousClock.now
        let context = try await GenerationContextReader(session: session, fill: fill, seed: seed, reference: reference).read()
        let maker = RowMaker(fill: fill, context: context, seed: seed)
        if let limit = maker.combinationLimit, fill.rows > limit {
            throw RefusalError(
                "\(fill.name) can hold at most \(limit) rows of distinct key combinations from the rows it references, not \(fill.rows)",
                nextStep: "ask for fewer \(fill.name) rows, or for more rows in the tables it references")
        }
        let reference = TableReference(schema: fill.name.schema, name: fill.name.name)
        let inserted: Int
        do {
            let name = fill.name.description
            let total = fill.rows
            inserted = try await loader.bulkLoad(into: reference, columns: fill.columns.map(\.name), count: fill.rows) { index, values in
                maker.row(index, into: &values)
                if index > 0, index % Self.progressEvery == 0 { events(.progress(table: name, rowsMade: index, rows: total)) }
            }
        } catch let error as DatabaseError {
            // Ctrl-C stops the COPY on the server; the transaction then rolls back whole.
            if Task.isCancelled { throw InterruptedError() }
            throw SeedGenerationError(table: fill.name.description, uncheckedChecks: fill.uncheckedChecks, databaseError: error)
        }
        let seconds = Double((ContinuousClock.now - started).milliseconds) / 1000
        return SeedGenerationReport.Table(
            name: fill.name.description, rows: inserted, seconds: seconds, rowsPerSecond: seconds > 0 ? (Double(inserted) / seconds).rounded() : 0)
    }
}

/// What `generateSeedData` reports as it goes.
public enum SeedGenerationEvent: Sendable {
    /// The tables in the order they are filled, with their row counts.
    case planned([(table: String, rows: Int)])
    case tableStarted(name: String, rows: Int)
    /// Every 50,000 rows of a table, as they are made (the database takes them as they come).
    case progress(table: String, rowsMade: Int, rows: Int)
    case tableFinished(SeedGenerationReport.Table)
}

/// What a generation run inserted.
public struct SeedGenerationReport: Sendable, Codable, Equatable {
    public struct Table: Sendable, Codable, Equatable {
        public var name: String
        public var rows: Int
        public var seconds: Double
        public var rowsPerSecond: Double
    }

    public var seed: UInt64
    public var tables: [Table]
    public var seconds: Double
    /// What the generator left to the database (checks it did not read).
    public var notes: [String]
}

/// The database refused generated rows: nothing was inserted.
public struct SeedGenerationError: StrataError {
    public var table: String
    /// Checks of the table Strata did not read, so may have broken.
    public var uncheckedChecks: [String]
    public var databaseError: DatabaseError

    public var summary: String { "generating rows for \(table) failed, so nothing was inserted: \(databaseError.message)" }

    public var details: [String] {
        var lines = ["the whole run is one transaction; it was rolled back"]
        if !uncheckedChecks.isEmpty {
            lines.append("Strata did not read the check" + (uncheckedChecks.count == 1 ? " " : "s ") + uncheckedChecks.joined(separator: ", ")
                + ", so the rows may break " + (uncheckedChecks.count == 1 ? "it" : "them"))
        }
        lines.append("database: \(databaseError)")
        return lines
    }

    public var nextStep: String? { "seed \(table) with a script in seeds/ instead, or loosen the constraint the message names" }

    public var exitStatus: ExitStatus { .migrationFailed }
}
