import Foundation
import Strata
import Testing

/// The quality bar of resumable backfills: a million rows, the `strata`
/// process killed with `kill -9` at random points several times, then run
/// to its end: every row updated exactly once, as a trigger counts.
@Suite("Backfill killed with kill -9", .serialized)
struct BackfillKillTests {
    static let rows = 1_000_000

    @Test("a backfill of 1 M rows killed three times, then run again, updates every row exactly once", arguments: Backend.allCases)
    func killedAndResumed(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try await database.withSession { try await BackfillFixture.createUsers(Self.rows, on: $0, backend: backend) }
            let arguments = [
                "data", "backfill", "--url", database.url, "--table", "users", "--set", "role = 'USER'",
                "--where", "role IS NULL", "--batch-size", "1000",
            ]
            var generator = SplitMix64(seed: 42)
            var killedMidRun = 0
            var done: [Int] = []
            for _ in 0..<3 {
                let delay = Duration.milliseconds(Int.random(in: 300...1200, using: &generator))
                let result = try await CLI.run(arguments, in: project.root) { process in
                    try await Task.sleep(for: delay)
                    if process.isRunning {
                        kill(process.processIdentifier, SIGKILL)
                    }
                }
                if result.status == -1 || result.status == SIGKILL || result.status == 128 + SIGKILL { killedMidRun += 1 }
                let record = try await database.query("SELECT rows_done, state FROM _strata_migrations_data").first
                done.append(Int(record?["rows_done"].integer ?? 0))
            }
            #expect(killedMidRun >= 2, "the kills must land while it runs: \(done)")
            #expect(done == done.sorted(), "progress only grows: \(done)")
            #expect((done.last ?? 0) < Self.rows, "killed before the end: \(done)")
            let final = try await CLI.run(arguments + ["--json"], in: project.root)
            #expect(final.status == 0, "\(final.stderr)")
            #expect(final.stdout.contains("\"resumed\" : true"), "\(final.stdout)")
            let counts = try await BackfillFixture.updateCounts(database)
            #expect(counts == [1: Int64(Self.rows)], "every row exactly once")
            let state = try await database.query("SELECT state, rows_done FROM _strata_migrations_data").first
            #expect(state?["state"].string == "completed")
            #expect(state?["rows_done"].integer == Int64(Self.rows))
        }
    }
}

