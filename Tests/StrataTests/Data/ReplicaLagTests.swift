import Foundation
import Strata
import StrataPostgres
import Testing

/// Throttling on a real streaming replica: a primary of its own and a
/// standby whose replay the test pauses.
@Suite("Backfill and replica lag")
struct ReplicaLagTests {
    @Test("a backfill waits while the streaming replica's replay lags past --max-lag, and goes on once it catches up")
    func waitsForReplica() async throws {
        let cluster = try ReplicatedPostgres()
        defer { cluster.stop() }
        let primary = try await Self.connect(cluster.primaryURL)
        let standby = try await Self.connect(cluster.standbyURL)
        defer { Task { await primary.close(); await standby.close() } }
        try await Self.waitUntil("the standby streams") {
            try await primary.query("SELECT count(*) AS n FROM pg_stat_replication WHERE state = 'streaming'").first?["n"].integer == 1
        }
        try await BackfillFixture.createUsers(20_000, on: primary, backend: .postgres)
        _ = try await standby.query("SELECT pg_catalog.pg_wal_replay_pause()")

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("strata-lag-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var configuration = Configuration(url: try DatabaseURL(cluster.primaryURL), migrationsPath: folder + "/migrations")
        configuration.dataPath = folder + "/data"
        let migrator = try Migrator(configuration: configuration, drivers: [.postgres])
        var backfill = BackfillFixture.roleBackfill
        backfill.batching = .rows(200)
        backfill.pause = .milliseconds(20)
        backfill.maxReplicationLag = .milliseconds(500)
        let events = BackfillEvents()
        let run = Task { try await migrator.backfill(backfill) { events.record($0) } }

        try await Self.waitUntil("the backfill waits for the replica") { events.waits > 0 }
        let batchesWhenWaiting = events.batchSizes.count
        try await Task.sleep(for: .seconds(2))
        #expect(events.batchSizes.count == batchesWhenWaiting, "no batch runs while the replica lags")
        #expect(events.batchSizes.count * 200 < 20_000, "it waited before the end")

        _ = try await standby.query("SELECT pg_catalog.pg_wal_replay_resume()")
        let report = try await run.value
        #expect(report.rowsDone == 20_000)
        #expect(events.batchSizes.count > batchesWhenWaiting, "it went on once the replica caught up")
        let counts = try await primary.query("SELECT updates, count(*) AS n FROM users GROUP BY updates")
        #expect(counts.map { "\($0["updates"].integer ?? -1)=\($0["n"].integer ?? 0)" } == ["1=20000"])
    }

    private static func connect(_ url: String) async throws -> any Database {
        try await DatabaseDriver.postgres.connect(ConnectionRequest(url: DatabaseURL(url), schema: nil, applicationName: "strata-tests"))
    }

    /// Polls `condition` for up to 20 seconds.
    private static func waitUntil(_ what: String, _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(20)
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("waited 20 s for \(what)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

extension BackfillEvents {
    /// How often the backfill waited for a replica.
    var waits: Int {
        all.filter { if case .waitingForReplica = $0 { true } else { false } }.count
    }
}
