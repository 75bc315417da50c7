import Foundation
@testable import Strata
import Testing

extension Unit {
    /// `strata.sum`: rendering, reading, and what a disagreement looks like.
    @Suite("SumFile")
    struct SumFileTests {
        func migration(_ name: String, _ up: String, down: String? = nil) throws -> Migration {
            Migration(
                name: name,
                up: try MigrationScript(path: "\(name)/migration.sql", data: Data(up.utf8)),
                down: try down.map { try MigrationScript(path: "\(name)/down.sql", data: Data($0.utf8)) })
        }

        func base() throws -> [Migration] {
            [
                try migration("20240101000000_init", "CREATE TABLE a (id int);\n", down: "DROP TABLE a;\n"),
                try migration("20240102000000_users", "CREATE TABLE users (id int);\n"),
            ]
        }

        @Test("rendered() is the header, the total, then one line per migration in order")
        func rendered() throws {
            let sum = SumFile(migrations: try base())
            let lines = sum.rendered().split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 5)
            #expect(lines[0].hasPrefix("# strata.sum:"))
            #expect(lines[1] == "total \(sum.total)")
            #expect(lines[2] == "20240101000000_init \(sum.entries[0].hash)")
            #expect(lines[3] == "20240102000000_users \(sum.entries[1].hash)")
            #expect(lines[4] == "")
            #expect(sum.entries.allSatisfy { $0.hash.count == 64 })
            #expect(sum.total.count == 64)
        }

        @Test("write then read gives the same sum, names with spaces included")
        func roundTrip() throws {
            let folder = try ScratchFolder()
            let migrations = try base() + [try migration("20240126184148_new_models copy", "SELECT 1;\n")]
            let sum = SumFile(migrations: migrations)
            try sum.write(to: folder.path("strata.sum"))
            let read = try #require(try SumFile.read(from: folder.path("strata.sum")))
            #expect(read == sum)
            #expect(read.entries.last?.name == "20240126184148_new_models copy")
            #expect(read.problems(comparedWith: SumFile(migrations: migrations)).isEmpty)
        }

        @Test("a missing file reads as nil")
        func readMissing() throws {
            let folder = try ScratchFolder()
            #expect(try SumFile.read(from: folder.path("absent.sum")) == nil)
        }

        @Test("a checkout with CRLF line endings reads the same sum")
        func readCRLF() throws {
            let folder = try ScratchFolder()
            let sum = SumFile(migrations: try base())
            try folder.write("strata.sum", sum.rendered().replacingOccurrences(of: "\n", with: "\r\n"))
            let read = try SumFile.read(from: folder.path("strata.sum"))
            #expect(read == sum)
        }

        @Test("merge conflict markers and a missing total are errors")
        func readErrors() throws {
            let folder = try ScratchFolder()
            let sum = SumFile(migrations: try base())
            try folder.write("conflict.sum", """
                total \(sum.total)
                <<<<<<< HEAD
                20240103000000_a \(sum.entries[0].hash)
                =======
                20240103000000_b \(sum.entries[1].hash)
                >>>>>>> feature
                """)
            let conflict = #expect(throws: MigrationFileError.self) { try SumFile.read(from: folder.path("conflict.sum")) }
            #expect(conflict?.location?.line == 4)
            try folder.write("nototal.sum", "# header only\n20240101000000_init \(sum.entries[0].hash)\n")
            let noTotal = #expect(throws: MigrationFileError.self) { try SumFile.read(from: folder.path("nototal.sum")) }
            #expect(noTotal?.problem.contains("no total") == true)
        }

        @Test("the hash normalises line endings and covers down.sql")
        func hashContents() throws {
            let lf = try migration("001_x", "CREATE TABLE a (id int);\nSELECT 1;\n")
            let crlf = try migration("001_x", "CREATE TABLE a (id int);\r\nSELECT 1;\r\n")
            let withDown = try migration("001_x", "CREATE TABLE a (id int);\nSELECT 1;\n", down: "DROP TABLE a;\n")
            #expect(SumFile(migrations: [lf]) == SumFile(migrations: [crlf]))
            #expect(SumFile(migrations: [lf]).entries[0].hash != SumFile(migrations: [withDown]).entries[0].hash)
        }

        @Test("a folder the sum does not list is notRecorded")
        func notRecorded() throws {
            let recorded = SumFile(migrations: try base())
            let actual = SumFile(migrations: try base() + [try migration("20240103000000_posts", "SELECT 1;")])
            #expect(recorded.problems(comparedWith: actual) == [.notRecorded("20240103000000_posts")])
        }

        @Test("an edited migration is changed")
        func changed() throws {
            let recorded = SumFile(migrations: try base())
            var migrations = try base()
            migrations[1] = try migration("20240102000000_users", "CREATE TABLE users (id bigint);\n")
            #expect(recorded.problems(comparedWith: SumFile(migrations: migrations)) == [.changed("20240102000000_users")])
        }

        @Test("a listed folder that is gone is removed")
        func removed() throws {
            let recorded = SumFile(migrations: try base())
            let actual = SumFile(migrations: Array(try base().prefix(1)))
            #expect(recorded.problems(comparedWith: actual) == [.removed("20240102000000_users")])
        }

        @Test("two branches' lines merged without recomputing the total is totalMismatch")
        func mergedBranches() throws {
            let a = try migration("20240103000000_branch_a", "CREATE TABLE a2 (id int);\n")
            let b = try migration("20240103000001_branch_b", "CREATE TABLE b2 (id int);\n")
            let branchA = SumFile(migrations: try base() + [a])
            let branchB = SumFile(migrations: try base() + [b])
            // The merge keeps both lines and one side's total.
            let merged = SumFile(entries: branchA.entries + [branchB.entries[2]], total: branchA.total)
            let actual = SumFile(migrations: try base() + [a, b])
            #expect(merged.entries == actual.entries)
            #expect(merged.problems(comparedWith: actual) == [.totalMismatch])
        }

        @Test("lines reordered by hand are totalMismatch")
        func reordered() throws {
            let actual = SumFile(migrations: try base())
            let reordered = SumFile(entries: actual.entries.reversed(), total: actual.total)
            #expect(reordered.problems(comparedWith: actual) == [.totalMismatch])
        }
    }
}
