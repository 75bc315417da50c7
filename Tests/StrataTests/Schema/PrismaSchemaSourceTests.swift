import Foundation
@testable import Strata
import Testing

/// Finding and reading `schema.prisma` where Prisma users keep it.
@Suite("Prisma schema source")
struct PrismaSchemaSourceTests {
    @Test("--schema, then strata.toml, then schema.prisma, prisma/schema.prisma, prisma/schema/")
    func locations() throws {
        let folder = try ScratchFolder()
        #expect(try PrismaSchemaSource.locate(explicit: nil, configured: nil, in: folder.path) == nil)
        try folder.makeFolder("prisma/schema")
        #expect(try PrismaSchemaSource.locate(explicit: nil, configured: nil, in: folder.path) == "prisma/schema")
        try folder.write("prisma/schema.prisma", "")
        #expect(try PrismaSchemaSource.locate(explicit: nil, configured: nil, in: folder.path) == "prisma/schema.prisma")
        try folder.write("schema.prisma", "")
        #expect(try PrismaSchemaSource.locate(explicit: nil, configured: nil, in: folder.path) == "schema.prisma")
        try folder.write("db/app.prisma", "")
        #expect(try PrismaSchemaSource.locate(explicit: nil, configured: "db/app.prisma", in: folder.path) == "db/app.prisma")
        #expect(try PrismaSchemaSource.locate(explicit: "prisma/schema", configured: "db/app.prisma", in: folder.path) == "prisma/schema")
        let error = #expect(throws: ConfigurationError.self) {
            try PrismaSchemaSource.locate(explicit: "prisma/shema.prisma", configured: nil, in: folder.path)
        }
        #expect(error?.summary == "prisma/shema.prisma (from --schema) does not exist")
    }

    @Test("a folder is every .prisma file under it, in path order; a bad one is reported at its own line")
    func folder() throws {
        let folder = try ScratchFolder()
        try folder.write("prisma/schema/schema.prisma", "datasource db {\n  provider = \"postgresql\"\n  url = env(\"DATABASE_URL\")\n}\n")
        try folder.write("prisma/schema/models/user.prisma", "model User {\n  id Int @id\n}\n")
        try folder.write("prisma/schema/README.md", "not a schema")
        let files = try PrismaSchemaSource.load(folder.path("prisma/schema"))
        #expect(files.map { ($0.path as NSString).lastPathComponent } == ["user.prisma", "schema.prisma"])
        #expect(files.flatMap(\.blocks).map(\.name) == ["User", "db"])

        try folder.write("prisma/schema/models/post.prisma", "model Post {\n  id Int @id\n  title\n}\n")
        let error = #expect(throws: PrismaSchemaError.self) { try PrismaSchemaSource.load(folder.path("prisma/schema")) }
        #expect(error?.path.hasSuffix("models/post.prisma") == true)
        #expect(error?.location == SourceLocation(line: 3, column: 3))

        try folder.makeFolder("empty")
        #expect(throws: MigrationFileError.self) { try PrismaSchemaSource.load(folder.path("empty")) }
        try folder.write("latin1.prisma", bytes: Data([0x6D, 0xE9, 0x0A]))
        let encoding = #expect(throws: MigrationFileError.self) { try PrismaSchemaSource.load(folder.path("latin1.prisma")) }
        #expect(encoding?.problem == "is not UTF-8 text")
    }
}
