@testable import Strata
import Testing

/// The column types Prisma Migrate writes, field by field.
@Suite("Prisma column types")
struct PrismaColumnTypesTests {
    /// The first field of `model M { <field> }`.
    static func field(_ line: String) throws -> PrismaField {
        try #require(try PrismaParser.parse("model M {\n  \(line)\n}\n", path: "schema.prisma").blocks.first?.fields.first)
    }

    static func type(_ line: String, _ provider: PrismaColumnTypes.Provider = .postgresql) throws -> String? {
        let types = PrismaColumnTypes(provider: provider, enumTypes: ["Role": QualifiedName("role")])
        return try types.columnType(of: try field(line), path: "schema.prisma")?.description
    }

    @Test("scalars as Prisma writes them on PostgreSQL and SQLite", arguments: [
        ("a String", "TEXT", "TEXT"), ("a Int", "INTEGER", "INTEGER"), ("a BigInt", "BIGINT", "BIGINT"),
        ("a Float", "DOUBLE PRECISION", "REAL"), ("a Decimal", "DECIMAL(65,30)", "DECIMAL"), ("a Boolean", "BOOLEAN", "BOOLEAN"),
        ("a DateTime", "TIMESTAMP(3)", "DATETIME"), ("a Json", "JSONB", "JSONB"), ("a Bytes", "BYTEA", "BLOB"),
        ("a Role?", "role", "TEXT"),
    ])
    func scalars(_ line: String, _ postgres: String, _ sqlite: String) throws {
        #expect(try Self.type(line) == postgres)
        #expect(try Self.type(line, .sqlite) == sqlite)
    }

    @Test("native types", arguments: [
        ("a String @db.VarChar(255)", "VARCHAR(255)"), ("a String @db.Uuid", "UUID"), ("a String @db.Text", "TEXT"),
        ("a DateTime @db.Timestamptz(6)", "TIMESTAMPTZ(6)"), ("a DateTime @db.Date", "DATE"),
        ("a Decimal @db.Decimal(10, 2)", "DECIMAL(10,2)"), ("a Json @db.Json", "JSON"), ("a Int @db.SmallInt", "SMALLINT"),
        ("a Float @db.Real", "REAL"), ("a String @db.Char(2)", "CHAR(2)"), ("a Bytes @db.ByteA", "BYTEA"),
        ("a Unsupported(\"tsvector\")?", "tsvector"),
    ])
    func native(_ line: String, _ expected: String) throws {
        #expect(try Self.type(line) == expected)
    }

    @Test("lists are PostgreSQL's; SQLite has none")
    func lists() throws {
        #expect(try Self.type("a String[]") == "TEXT[]")
        #expect(try Self.type("a Role[]") == "role[]")
        let error = #expect(throws: PrismaSchemaError.self) { try Self.type("tags String[]", .sqlite) }
        #expect(error?.summary == "schema.prisma:2:8: SQLite has no lists: `tags String[]` needs PostgreSQL")
    }

    @Test("relations and composite types are no column")
    func notColumns() throws {
        #expect(try Self.type("author User @relation(fields: [authorId], references: [id])") == nil)
        #expect(try Self.type("posts Post[]") == nil)
    }

    @Test("a native type that does not exist, does not fit, or has too many arguments is an error at its place", arguments: [
        ("a String @db.VarChr(255)", "`@db.VarChr` is not a PostgreSQL native type"),
        ("a Int @db.VarChar(255)", "`@db.VarChar` is for String fields, not Int"),
        ("a String @db.Uuid(4)", "`@db.Uuid` takes no arguments"),
        ("a String @db.VarChar(\"x\")", "`@db.VarChar` takes whole numbers"),
    ])
    func badNative(_ line: String, _ problem: String) throws {
        let error = #expect(throws: PrismaSchemaError.self) { try Self.type(line) }
        #expect(error?.summary.hasPrefix("schema.prisma:2:") == true)
        #expect(error?.problem == problem)
        let sqlite = #expect(throws: PrismaSchemaError.self) { try Self.type("a String @db.Text", .sqlite) }
        #expect(sqlite?.problem.contains("SQLite has no native types") == true)
    }
}
