import Foundation
@testable import Strata

/// One generated pair of schemas (A, B) taken around a real database:
/// empty → A, A → B (with the renames), B → A the way `migrate dev`
/// writes `down.sql`, A → B again, and B → A through `migrate diff` with
/// the renames undone. After each step the database must read back as
/// the schema the step aimed at.
struct SchemaPropertyCase {
    /// The seed it was generated from (`nil`: written by hand).
    let seed: UInt64?
    /// The schemas as SQL DDL.
    let a: String
    let b: String
    let renames: [String]
    let reverseRenames: [String]
    let mutations: [String]
    /// Whether B is given as `schema.prisma` (B's DDL read back and written
    /// as Prisma writes a pulled database), so the step to it goes through
    /// the Prisma conversion; what Prisma cannot express is left out of B then.
    let bAsPrisma: Bool

    /// Generates the pair for `seed`; B is a Prisma schema for one seed in four.
    init(seed: UInt64, backend: Backend) {
        var random = SplitMix64(seed: seed)
        let generator = SchemaGenerator(backend: backend)
        let a = generator.schema(using: &random)
        var mutations = SchemaMutations(generator: generator, original: a)
        mutations.apply(count: Int.random(in: 1...5, using: &random), using: &random)
        self.seed = seed
        self.a = a.ddl
        self.b = mutations.schema.ddl
        self.renames = mutations.renames
        self.reverseRenames = mutations.reverseRenames
        self.mutations = mutations.log
        self.bAsPrisma = seed % 4 == 3
    }

    /// A pair written by hand, for a regression test.
    init(a: String, b: String, renames: [String] = [], reverseRenames: [String] = []) {
        self.seed = nil
        self.a = a
        self.b = b
        self.renames = renames
        self.reverseRenames = reverseRenames
        self.mutations = []
        self.bAsPrisma = false
    }

    /// A step that did not reach its schema.
    struct Failure: Error, CustomStringConvertible {
        var step: String
        var problem: String
        var script: String

        var description: String { "\(step): \(problem)\n--- script\n\(script)" }
    }

    /// Runs every step on `database`; throws ``Failure`` for the first that goes wrong.
    func run(in project: TestProject, on database: TestDatabase) async throws {
        let aPath = project.root.appendingPathComponent("a.sql").path
        let bPath = project.root.appendingPathComponent("b.sql").path
        try Data(a.utf8).write(to: URL(fileURLWithPath: aPath))
        try Data(b.utf8).write(to: URL(fileURLWithPath: bPath))
        let migrator = try project.migrator(database)
        let live = SchemaSourceSpec.database(try DatabaseURL(database.url))

        let create = try await migrator.schemaDiff(from: live, to: .sqlSchema(path: aPath))
        let schemaA = create.diff.migration.to
        try await apply(create.script, step: "empty → A", on: database, expecting: schemaA, migrator: migrator)

        var target = SchemaSourceSpec.sqlSchema(path: bPath)
        if bAsPrisma {
            let provider: PrismaColumnTypes.Provider = database.backend == .postgres ? .postgresql : .sqlite
            let prisma = PrismaSchemaWriter(provider: provider).write(try await migrator.readSchema(target)).text
            let prismaPath = project.root.appendingPathComponent("b.prisma").path
            try Data(prisma.utf8).write(to: URL(fileURLWithPath: prismaPath))
            target = .prismaSchema(path: prismaPath)
        }
        let up = try await migrator.schemaDiff(from: live, to: target, renames: renames)
        let schemaB = up.diff.migration.to
        try await apply(up.script, step: "A → B", on: database, expecting: schemaB, migrator: migrator)

        // down.sql as `migrate dev` writes it: the reverse diff with the renames undone.
        let parsed = try SchemaRenames(parsing: renames, from: schemaA)
        let reverse = SchemaDiffer(renames: parsed.reversed).diff(from: schemaB, to: schemaA)
        let down = GeneratedScript(statements: try migrator.driver.schemaRenderer!.render(reverse.migration), warnings: []).text
        try await apply(down, step: "down.sql (B → A)", on: database, expecting: schemaA, migrator: migrator)

        try await apply(up.script, step: "A → B again", on: database, expecting: schemaB, migrator: migrator)
        let back = try await migrator.schemaDiff(from: live, to: .sqlSchema(path: aPath), renames: reverseRenames)
        try await apply(back.script, step: "B → A", on: database, expecting: schemaA, migrator: migrator)
    }

    /// Runs `script`, then compares the database with `expected`.
    private func apply(_ script: String, step: String, on database: TestDatabase, expecting expected: Schema, migrator: Migrator) async throws {
        do {
            try await database.withSession { try await ShadowReplay(session: $0).apply(script: script, file: step) }
        } catch {
            throw Failure(step: step, problem: "the script fails: \(error)", script: script)
        }
        let live = try await migrator.readSchema(.database(try DatabaseURL(database.url)))
        let left = SchemaDiffer().diff(from: live, to: expected).migration.changes
        guard left.isEmpty else {
            throw Failure(step: step, problem: "the database differs from the target:\n" + left.map(\.summary).joined(separator: "\n"), script: script)
        }
    }

    /// Everything needed to see and reproduce a failure.
    var report: String {
        """
        seed \(seed.map(String.init) ?? "none") (STRATA_PROPERTY_SEED=\(seed.map(String.init) ?? "") STRATA_PROPERTY_CASES=1); \
        B as \(bAsPrisma ? "schema.prisma" : "SQL"); mutations: \(mutations.joined(separator: ", "))
        renames: \(renames) (back: \(reverseRenames))
        --- A
        \(a)--- B
        \(b)
        """
    }
}
