import Foundation
import Strata
import Testing

extension Unit {
    /// Reading a folder of migrations from disk.
    @Suite("MigrationDirectory")
    struct MigrationDirectoryTests {
        @Test("migrations sort byte-wise by folder name, whatever the naming scheme")
        func ordering() throws {
            let folder = try ScratchFolder()
            let names = [
                "20250625_add_x", "a_lower", "01_init", "20240126184148_new_models copy", "B_upper",
                "20240126184148_new_models", "20250101000000_fourteen_digits", "é_after_z", "z_last",
            ]
            for name in names { try folder.write("migrations/\(name)/migration.sql", "SELECT 1;\n") }
            let loaded = try MigrationDirectory(path: folder.path("migrations")).load()
            #expect(loaded.map(\.name) == [
                "01_init", "20240126184148_new_models", "20240126184148_new_models copy",
                "20250101000000_fourteen_digits", "20250625_add_x", "B_upper", "a_lower", "z_last", "é_after_z",
            ])
        }

        @Test("hidden folders and files beside the folders are not migrations")
        func skipsHiddenAndFiles() throws {
            let folder = try ScratchFolder()
            try folder.write("migrations/001_init/migration.sql", "CREATE TABLE t (id int);\n")
            try folder.write("migrations/001_init/down.sql", "DROP TABLE t;\n")
            try folder.makeFolder("migrations/.git")
            try folder.write("migrations/.hidden/migration.sql", "SELECT 1;\n")
            try folder.write("migrations/strata.sum", "total x\n")
            try folder.write("migrations/migration_lock.toml", "provider = \"postgresql\"\n")
            try folder.write("migrations/README.md", "notes\n")
            let loaded = try MigrationDirectory(path: folder.path("migrations")).load()
            #expect(loaded.map(\.name) == ["001_init"])
            #expect(loaded[0].up.contents == "CREATE TABLE t (id int);\n")
            #expect(loaded[0].down?.contents == "DROP TABLE t;\n")
            #expect(loaded[0].up.path == folder.path("migrations/001_init/migration.sql"))
        }

        @Test("a comment-only migration.sql is a deliberate no-op; down.sql is optional")
        func commentOnly() throws {
            let folder = try ScratchFolder()
            try folder.write("migrations/001_noop/migration.sql", "-- nothing to do\n")
            let loaded = try MigrationDirectory(path: folder.path("migrations")).load()
            #expect(loaded.count == 1)
            #expect(loaded[0].down == nil)
        }

        @Test("a missing folder is an error naming it")
        func missingFolder() throws {
            let folder = try ScratchFolder()
            let error = #expect(throws: MigrationFileError.self) {
                try MigrationDirectory(path: folder.path("nope")).load()
            }
            #expect(error?.path == folder.path("nope"))
        }

        @Test("a folder without migration.sql is an error naming the folder")
        func noMigrationFile() throws {
            let folder = try ScratchFolder()
            try folder.write("migrations/001_ok/migration.sql", "SELECT 1;\n")
            try folder.write("migrations/002_empty_folder/down.sql", "SELECT 1;\n")
            let error = #expect(throws: MigrationFileError.self) {
                try MigrationDirectory(path: folder.path("migrations")).load()
            }
            #expect(error?.path == folder.path("migrations/002_empty_folder"))
            #expect(error?.problem == "has no migration.sql")
        }

        @Test("an empty or whitespace-only migration.sql is an error naming the file", arguments: ["", "  \n\t\r\n"])
        func emptyFile(_ contents: String) throws {
            let folder = try ScratchFolder()
            try folder.write("migrations/001_blank/migration.sql", contents)
            let error = #expect(throws: MigrationFileError.self) {
                try MigrationDirectory(path: folder.path("migrations")).load()
            }
            #expect(error?.path == folder.path("migrations/001_blank/migration.sql"))
            #expect(error?.problem == "is empty")
        }

        @Test("a non-UTF-8 file is an error with the line and column of the first bad byte")
        func notUTF8() throws {
            let folder = try ScratchFolder()
            var bytes = Data("SELECT 1;\nSELECT 'é caf".utf8)
            bytes.append(0xE9) // Latin-1 é
            bytes.append(contentsOf: Data("';\n".utf8))
            try folder.write("migrations/001_latin1/migration.sql", bytes: bytes)
            let error = #expect(throws: MigrationFileError.self) {
                try MigrationDirectory(path: folder.path("migrations")).load()
            }
            #expect(error?.path == folder.path("migrations/001_latin1/migration.sql"))
            #expect(error?.location == SourceLocation(line: 2, column: 14))
            #expect(error?.problem == "is not UTF-8 text")
        }

        @Test("an unreadable migration.sql is an error naming the file")
        func unreadable() throws {
            let folder = try ScratchFolder()
            // A folder where the file should be cannot be read, even by root.
            try folder.makeFolder("migrations/001_odd/migration.sql")
            let error = #expect(throws: MigrationFileError.self) {
                try MigrationDirectory(path: folder.path("migrations")).load()
            }
            #expect(error?.path == folder.path("migrations/001_odd/migration.sql"))
            #expect(error?.problem == "cannot be read")
        }

        @Test("a bad directive is an error with the file and line")
        func badDirective() throws {
            let folder = try ScratchFolder()
            try folder.write("migrations/001_x/migration.sql", "-- hi\n-- strata:transaction sometimes\nSELECT 1;\n")
            let error = #expect(throws: MigrationFileError.self) {
                try MigrationDirectory(path: folder.path("migrations")).load()
            }
            #expect(error?.summary.hasPrefix(folder.path("migrations/001_x/migration.sql") + ":2:1:") == true)
        }

        @Test("paths of the integrity files")
        func paths() {
            let directory = MigrationDirectory(path: "db/migrations")
            #expect(directory.sumFilePath == "db/migrations/strata.sum")
            #expect(directory.prismaLockFilePath == "db/migrations/migration_lock.toml")
        }
    }
}
