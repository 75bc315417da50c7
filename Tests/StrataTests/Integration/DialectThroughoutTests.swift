import Foundation
import Strata
import StrataSQLite
import Testing

/// The SQL the engine writes itself (history rows, transactions, the
/// history table, reset's drops) comes from the dialect, on every command:
/// run on a real SQLite file through ``BracketDialect``, nothing the engine
/// sends uses SQLite's own spelling.
@Suite("The dialect throughout")
struct DialectThroughoutTests {
    /// What the dialect would never write: a double-quoted identifier, a bare
    /// transaction keyword, a plain literal, an unmarked table drop.
    static let foreign = [
        #"""#, #"\bBEGIN\b(?! DEFERRED TRANSACTION)"#, #"\bCOMMIT\b(?! TRANSACTION)"#, #"\bROLLBACK\b(?! TRANSACTION)"#,
        #"(?<!\|\| )'(running|applied|failed|rolled_back|deploy|down|baseline|resolve|transaction|none)'"#,
        #"DROP TABLE IF EXISTS (?!.*/\* bracket \*/)"#,
    ]

    static func foreignSpellings(in sql: [String], except own: Set<String>) -> [String] {
        sql.filter { !own.contains($0.trimmingCharacters(in: .whitespacesAndNewlines)) }.filter { text in
            foreign.contains { text.range(of: $0, options: .regularExpression) != nil }
        }
    }

    @Test("deploy, status, down, resolve, baseline and reset, run and dry-run, write only the dialect's SQL")
    func everyCommand() async throws {
        let project = try TestProject()
        let statements = ["CREATE TABLE t1 (id INTEGER)", "CREATE TABLE t2 (id INTEGER)", "DROP TABLE t2", "DROP TABLE t1"]
        try project.add("001_t1", statements[0] + ";\n", down: statements[3] + ";\n")
        try project.add("002_t2", statements[1] + ";\n", down: statements[2] + ";\n")
        let bracket = BracketDriver()
        let url = try DatabaseURL("sqlite:" + project.root.appendingPathComponent("bracket.db").path)
        let migrator = try Migrator(configuration: Configuration(url: url, migrationsPath: project.migrations.path), drivers: [bracket.driver])

        var dryRuns: [String] = []
        dryRuns.append(try #require(try await migrator.deploy(DeployOptions(dryRun: true)).dryRunSQL))
        #expect(try await migrator.deploy().applied.count == 2)
        #expect(try await migrator.status().exitStatus == .success)
        dryRuns.append(try #require(try await migrator.down(DownOptions(dryRun: true)).dryRunSQL))
        #expect(try await migrator.down().rolledBack.map(\.name) == ["002_t2"])
        await #expect(throws: RefusalError.self) { try await migrator.resolve("002_t2", as: .applied) }
        dryRuns.append(try #require(try await migrator.baseline(to: "002_t2", dryRun: true).dryRunSQL))
        #expect(try await migrator.baseline(to: "002_t2").recorded == ["002_t2"])

        // reset's drops of the user's objects come from SQLite's catalog, in its own spelling.
        let catalog = try await DatabaseDriver.sqlite.connect(ConnectionRequest(url: url, schema: nil, applicationName: "test"))
        let userDrops = try await catalog.resetPlan(historyTable: TableReference(schema: nil, name: "_strata_migrations")).statements
        await catalog.close()
        dryRuns.append(try #require(try await migrator.reset(ResetOptions(dryRun: true)).dryRunSQL))
        #expect(try await migrator.reset(ResetOptions(force: true)).applied.count == 2)

        let own = Set(statements + userDrops)
        #expect(bracket.sent.count > 20, "the engine's SQL went through the sessions")
        #expect(Self.foreignSpellings(in: bracket.sent, except: own) == [])
        let dryRunLines = dryRuns.flatMap { $0.split(separator: "\n").map(String.init) }.filter { !$0.hasPrefix("--") }
        #expect(Self.foreignSpellings(in: dryRunLines, except: own.union(own.map { $0 + ";" })) == [])
        #expect(dryRunLines.contains { $0.contains("COMMIT TRANSACTION") })
    }
}
