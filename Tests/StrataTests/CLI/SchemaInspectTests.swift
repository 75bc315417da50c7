import Foundation
import Strata
import Testing

/// `schema inspect` through the built binary, on real databases.
@Suite("schema inspect")
struct SchemaInspectTests {
    @Test("inspect writes the database as schema.prisma that migrate diff finds equal to it; --format sql and --from", arguments: Backend.allCases)
    func inspect(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            let url = ["--url", database.url]
            try MigrateDevTests.write(MigrateDevTests.schema(backend, bio: true), to: project)
            let built = try await CLI.run(["migrate", "dev", "--name", "init"] + url, in: project.root)
            #expect(built.status == 0, "\(built.output)")

            let inspected = try await CLI.run(["schema", "inspect", "--output", "written.prisma"] + url, in: project.root)
            #expect(inspected.status == 0, "\(inspected.output)")
            let enums = backend == .postgres ? "1 enum" : "0 enums"
            #expect(inspected.stdout == "wrote written.prisma: 2 models, \(enums)\n", "\(inspected.output)")
            let written = try String(contentsOf: project.root.appendingPathComponent("written.prisma"), encoding: .utf8)
            #expect(written.contains("model User {") && written.contains("posts Post[]"), "\(written)")

            let diff = try await CLI.run(["migrate", "diff", "--from", "written.prisma", "--to", database.url, "--exit-code"] + url, in: project.root)
            #expect(diff.status == 0, "\(diff.output)\n\(written)")
            #expect(diff.stdout.contains("No difference"), "\(diff.output)")

            let printed = try await CLI.run(["schema", "inspect"] + url, in: project.root)
            #expect(printed.stdout == written, "without --output the file is printed")

            let sql = try await CLI.run(["schema", "inspect", "--from", "schema.prisma", "--format", "sql"] + url, in: project.root)
            #expect(sql.status == 0, "\(sql.output)")
            #expect(sql.stdout.contains("-- CreateTable\nCREATE TABLE \"User\""), "\(sql.output)")
        }
    }

    @Test("a --from that names nothing is an error that says what to name")
    func missingSource() async throws {
        let project = try TestProject()
        let result = try await CLI.run(["schema", "inspect", "--from", "nowhere.prisma"], in: project.root)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.stderr.contains("nowhere.prisma does not exist"), "\(result.stderr)")
        #expect(result.stderr.contains("a schema file or folder"), "\(result.stderr)")
    }

    @Test("an SQLite database that does not exist is an error to inspect or draw, not an empty schema, and no file is made")
    func missingSQLiteFile() async throws {
        let project = try TestProject()
        for command in [["schema", "inspect", "--url", "sqlite:typo.db"], ["schema", "erd", "--from", "sqlite:typo.db"]] {
            let result = try await CLI.run(command, in: project.root)
            #expect(result.status == 1, "\(command): \(result.output)")
            #expect(result.stderr.contains("typo.db does not exist"), "\(result.stderr)")
            #expect(result.stderr.contains("check the file path in the SQLite URL"))
        }
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("typo.db").path))
    }
}
