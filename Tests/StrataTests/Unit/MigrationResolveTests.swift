import Foundation
import Strata
import Testing

extension Unit {
    /// Naming a migration on the command line: by folder name or by version.
    @Suite("Migration references")
    struct MigrationResolveTests {
        static func migrations(_ names: [String]) throws -> [Migration] {
            try names.map { name in
                Migration(name: name, up: try MigrationScript(path: "\(name)/migration.sql", data: Data("SELECT 1;".utf8)), down: nil)
            }
        }

        static let names = ["01_init", "20240101000000_users", "20240102000000_a", "20240102000000_b", "notes"]

        @Test("version is the leading ASCII digits", arguments: [
            ("20240101000000_users", "20240101000000"), ("01_init", "01"), ("notes", nil), ("١٢_arabic_digits", nil),
        ] as [(String, String?)])
        func version(_ name: String, expected: String?) throws {
            #expect(try Self.migrations([name])[0].version == expected)
        }

        @Test("a reference resolves by folder name or by a unique version", arguments: [
            ("20240101000000_users", "20240101000000_users"), ("20240101000000", "20240101000000_users"),
            ("01", "01_init"), ("notes", "notes"), ("20240102000000_b", "20240102000000_b"),
        ])
        func resolves(_ reference: String, expected: String) throws {
            #expect(try Self.migrations(Self.names).resolve(reference).name == expected)
        }

        @Test("a version shared by two migrations is refused, listing both")
        func ambiguous() throws {
            let migrations = try Self.migrations(Self.names)
            let error = #expect(throws: RefusalError.self) { try migrations.resolve("20240102000000") }
            #expect(error?.details == ["20240102000000_a", "20240102000000_b"])
        }

        @Test("an unknown reference is refused")
        func unknown() throws {
            let migrations = try Self.migrations(Self.names)
            let error = #expect(throws: RefusalError.self) { try migrations.resolve("20991231000000") }
            #expect(error?.summary.contains("no migration") == true)
        }
    }
}
