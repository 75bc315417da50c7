import Foundation
import Strata
import StrataPostgres
import StrataSQLite
import Synchronization
import Testing

/// What the README promises and no other test holds Strata to.
@Suite("README promises")
struct PromisesTests {
    @Test("a migration applied but missing on disk, and one whose runner died, stop deploy until settled", arguments: Backend.allCases)
    func refusals(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try project.add("002_b", "CREATE TABLE b (id INTEGER);")
            try project.add("003_c", "CREATE TABLE c (id INTEGER);")
            let migrator = try project.migrator(database)
            try await migrator.deploy(DeployOptions(target: "002_b"))

            try project.remove("001_a")
            let missing = await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
            #expect(missing?.description.contains("001_a") == true)
            #expect(try await !database.tableExists("c"))
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")

            // As a killed runner leaves its row.
            try await database.withSession {
                try await $0.execute("UPDATE _strata_migrations SET state = 'running', finished_at = NULL WHERE name = '002_b'")
            }
            let interrupted = await #expect(throws: IntegrityError.self) { try await migrator.deploy() }
            #expect(interrupted?.description.contains("002_b: was interrupted") == true, "\(interrupted?.description ?? "")")
            #expect(interrupted?.description.contains("strata migrate resolve") == true)
            #expect(try await !database.tableExists("c"))
        }
    }

    @Test("SQLite: a lock row left by a process that died on this host is taken over at once")
    func staleSQLiteLock() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);")
        let file = project.root.appendingPathComponent("app.db")
        let url = try DatabaseURL("sqlite:" + file.path)
        let session = try await DatabaseDriver.sqlite.connect(ConnectionRequest(url: url, schema: nil, applicationName: "test"))
        // A process that has exited: its pid is free.
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run()
        dead.waitUntilExit()
        var name = [CChar](repeating: 0, count: 256)
        gethostname(&name, name.count)
        let host = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        try await session.execute("""
            CREATE TABLE _strata_migrations_lock (id INTEGER PRIMARY KEY CHECK (id = 1), token TEXT NOT NULL, holder TEXT NOT NULL,
                host TEXT NOT NULL, pid INTEGER NOT NULL, acquired_at TEXT NOT NULL);
            INSERT INTO _strata_migrations_lock VALUES (1, 'gone', 'strata someone@\(host)', '\(host)', \(dead.processIdentifier), '2026-01-01');
            """)
        await session.close()
        let configuration = Configuration(url: url, migrationsPath: project.migrations.path, lockTimeout: .seconds(30))
        // Taken over, not waited out: no wait is reported (a wall-clock bound flaked on a loaded machine).
        let waits = Mutex<[String]>([])
        let report = try await Migrator(configuration: configuration, drivers: [.sqlite]).deploy { event in
            if case .waitingForLock(let holder) = event { waits.withLock { $0.append("\(holder)") } }
        }
        #expect(report.applied.count == 1)
        #expect(waits.withLock { $0 }.isEmpty, "waited for a lock whose holder is dead: \(waits.withLock { $0 })")
    }

    @Test("strata.toml's schema = puts the history and the migrations in that schema, creating it")
    func configuredSchema() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try Data("[environments.development]\nurl = \"\(database.url)\"\nschema = \"app\"\ndir = \"migrations\"\n".utf8)
                .write(to: project.root.appendingPathComponent("strata.toml"))
            let result = try await CLI.run(["migrate", "deploy"], in: project.root)
            #expect(result.status == 0, "\(result.output)")
            let placed = try await database.query(
                "SELECT table_schema, table_name FROM information_schema.tables WHERE table_name IN ('a', '_strata_migrations') ORDER BY 2")
            #expect(placed.map { $0["table_schema"].string } == ["app", "app"], "\(placed.map { $0.values.map(\.string) })")
        }
    }

    @Test("a Unix socket URL (?host=/path/to/socket/folder) reaches the server")
    func unixSocket() async throws {
        try await withPostgres { project, database, server in
            guard let folder = ProcessInfo.processInfo.environment["STRATA_TEST_POSTGRES_DIR"] else {
                try Test.cancel("the server's socket folder is not known (STRATA_TEST_POSTGRES_DIR)")
            }
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let url = "postgres://\(server.user):\(server.password)@/\(server.database(of: database))?host=\(folder)&port=\(server.port)"
            let result = try await CLI.run(["migrate", "deploy", "--url", url], in: project.root)
            #expect(result.status == 0, "\(result.output)")
            #expect(try await database.tableExists("a"))
        }
    }
}
