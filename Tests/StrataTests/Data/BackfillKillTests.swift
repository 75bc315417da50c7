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
                let before = done.last ?? 0
                let delay = Duration.milliseconds(Int.random(in: 0...400, using: &generator))
                let result = try await CLI.run(arguments, in: project.root) { process in
                    // Kill at a random point after this run committed a batch of its own.
                    while process.isRunning, try await Self.rowsDone(database) <= before {
                        try await Task.sleep(for: .milliseconds(20))
                    }
                    try await Task.sleep(for: delay)
                    if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                }
                if result.status == SIGKILL { killedMidRun += 1 }
                done.append(try await Self.rowsDone(database))
            }
            #expect(killedMidRun == 3, "every kill landed while it ran: \(done)")
            #expect(done == done.sorted() && Set(done).count == 3 && done[0] > 0, "each run got further: \(done)")
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

    /// The rows the backfill's checkpoint says are done; 0 before its first batch.
    static func rowsDone(_ database: TestDatabase) async throws -> Int {
        guard try await database.tableExists("_strata_migrations_data") else { return 0 }
        return Int(try await database.query("SELECT rows_done FROM _strata_migrations_data").first?["rows_done"].integer ?? 0)
    }
}
