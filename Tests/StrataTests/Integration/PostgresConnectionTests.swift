import Foundation
import Strata
import Synchronization
import Testing

/// Connections as psql makes them (libpq): the environment, `.pgpass`,
/// service files, several hosts; and what a broken or cancelled session does.
@Suite("PostgreSQL connections")
struct PostgresConnectionTests {
    @Test("PG* variables fill in what the URL leaves out, for URLs and keyword/value strings")
    func environmentVariables() async throws {
        try await withPostgres { project, database, server in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let environment = [
                "PGHOST": server.host, "PGPORT": server.port, "PGUSER": server.user,
                "PGPASSWORD": server.password, "PGDATABASE": server.database(of: database),
            ]
            let deploy = try await CLI.run(["migrate", "deploy", "--url", "postgres://"], in: project.root, environment: environment)
            #expect(deploy.status == 0, "\(deploy.output)")
            #expect(try await database.tableExists("a"))
            let status = try await CLI.run(["migrate", "status", "--url", "sslmode=prefer"], in: project.root, environment: environment)
            #expect(status.status == 0, "\(status.output)")
            #expect(!status.output.contains(server.password))
        }
    }

    @Test("the password comes from a .pgpass file (PGPASSFILE); without one the error says where to put it")
    func passwordFile() async throws {
        try await withPostgres { project, database, server in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let url = "postgres://\(server.user)@\(server.host):\(server.port)/\(server.database(of: database))"
            let missing = try await CLI.run(["migrate", "deploy", "--url", url], in: project.root)
            #expect(missing.status == 1)
            #expect(missing.stderr.contains("no password supplied"), "\(missing.output)")
            #expect(missing.stderr.contains(".pgpass"))

            let file = project.root.appendingPathComponent("pgpass")
            try Data("\(server.host):\(server.port):*:\(server.user):\(server.password)\n".utf8).write(to: file)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
            let deploy = try await CLI.run(["migrate", "deploy", "--url", url], in: project.root, environment: ["PGPASSFILE": file.path])
            #expect(deploy.status == 0, "\(deploy.output)")
            #expect(try await database.tableExists("a"))
        }
    }

    @Test("service=NAME reads the server from a pg_service.conf (PGSERVICEFILE)", arguments: ["service=strata_test", "postgres://?service=strata_test"])
    func serviceFile(_ url: String) async throws {
        try await withPostgres { project, database, server in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let file = project.root.appendingPathComponent("pg_service.conf")
            try Data("""
                [strata_test]
                host=\(server.host)
                port=\(server.port)
                user=\(server.user)
                dbname=\(server.database(of: database))

                """.utf8).write(to: file)
            let environment = ["PGSERVICEFILE": file.path, "PGPASSWORD": server.password]
            let deploy = try await CLI.run(["migrate", "deploy", "--url", url], in: project.root, environment: environment)
            #expect(deploy.status == 0, "\(deploy.output)")
            #expect(try await database.tableExists("a"))
            let unknown = try await CLI.run(
                ["migrate", "status", "--url", "service=nope"], in: project.root, environment: environment)
            #expect(unknown.status == 1)
            #expect(unknown.stderr.contains("nope"), "\(unknown.output)")
        }
    }

    @Test("two hosts with target_session_attrs=read-write: the first is down, deploy reaches the second")
    func failoverHosts() async throws {
        try await withPostgres { project, database, server in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let url = "postgres://\(server.user):\(server.password)@127.0.0.1:1,\(server.host):\(server.port)/"
                + "\(server.database(of: database))?target_session_attrs=read-write&connect_timeout=5"
            #expect(try await migrator(project, url).deploy().applied.count == 1)
            #expect(try await database.tableExists("a"))
        }
    }

    @Test("target_session_attrs=read-write refuses a read-only server with libpq's message and a next step")
    func readOnlyServerRefused() async throws {
        try await withPostgres { project, database, server in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let name = server.database(of: database)
            try await database.withSession { try await $0.execute("ALTER DATABASE \"\(name)\" SET default_transaction_read_only = on") }
            let url = database.url + "?target_session_attrs=read-write"
            let error = await #expect(throws: ConnectionError.self) { try await migrator(project, url).deploy() }
            #expect(error?.underlying.message.contains("read-only") == true, "\(String(describing: error))")
            #expect(error?.underlying.hint?.contains("primary") == true)
        }
    }

    @Test("parameters: Prisma's pool settings are ignored, schema is Strata's, an unknown one is an error naming it")
    func parameters() async throws {
        try await withPostgres { project, database, _ in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let prisma = database.url + "?schema=app&connection_limit=5&pool_timeout=10&pgbouncer=false&application_name=mine"
            #expect(try await migrator(project, prisma).deploy().applied.count == 1)
            let tables = try await database.query("SELECT table_schema FROM information_schema.tables WHERE table_name = 'a'")
            #expect(tables.map { $0["table_schema"].string } == ["app"])

            let unknown = await #expect(throws: ConfigurationError.self) {
                try await migrator(project, database.url + "?sslmode=require&colour=blue").status()
            }
            #expect(unknown?.description.contains("colour") == true)
            let prismaOnly = await #expect(throws: ConfigurationError.self) {
                try await migrator(project, database.url + "?sslaccept=strict").status()
            }
            #expect(prismaOnly?.description.contains("verify-full") == true)
        }
    }

    @Test("a session terminated in the middle of a migration is a prompt error that says so, not a hang")
    func terminatedSession() async throws {
        try await withPostgres { project, database, _ in
            try project.add("001_slow", "CREATE TABLE a (id INTEGER);\nSELECT pg_sleep(60);")
            let deploy = Task { try await migrator(project, database.url).deploy() }
            let pid = try await waitForQuery(containing: "pg_sleep(60)", in: database)
            _ = try await database.query("SELECT pg_terminate_backend(\(pid))")
            let started = ContinuousClock.now
            let result = await deploy.result
            #expect(ContinuousClock.now - started < .seconds(5))
            guard case .failure(let error) = result else {
                Issue.record("deploy succeeded on a terminated session")
                return
            }
            #expect("\(error)".contains("terminat"), "\(error)")
            #expect(try await !database.tableExists("a"))
            #expect(try await migrator(project, database.url).status().migrations.map(\.state) != [.applied])
        }
    }

    @Test("a connection lost mid-deploy (a server crash or restart) is an error within seconds that says what is known")
    func lostConnection() async throws {
        try await withPostgres { project, database, server in
            try project.add("001_fast", "CREATE TABLE fast (id INTEGER);")
            try project.add("002_slow", "CREATE TABLE slow (id INTEGER);\nSELECT pg_sleep(5);")
            try project.add("003_never", "CREATE TABLE never (id INTEGER);")
            let proxy = try CuttableProxy(upstreamPort: UInt16(server.port)!)
            let url = database.url.replacingOccurrences(of: ":\(server.port)/", with: ":\(proxy.port)/")
            #expect(url != database.url)
            let deploy = Task { try await migrator(project, url).deploy() }
            _ = try await waitForQuery(containing: "pg_sleep(5)", in: database)
            proxy.cutAll()
            let started = ContinuousClock.now
            let result = await deploy.result
            #expect(ContinuousClock.now - started < .seconds(4), "the error comes before the 5 s statement would have ended")
            guard case .failure(let error) = result else {
                Issue.record("deploy succeeded over a cut connection")
                return
            }
            let text = "\(error)"
            #expect(text.contains("002_slow"), "\(text)")
            #expect((error as? ConnectionLostError)?.unflushed == ["001_fast"], "\(text)")
            #expect(text.contains("connection to the database was lost"), "\(text)")
            #expect((error as? any StrataError)?.exitStatus == .migrationFailed, "\(text)")
            // The server finishes the transaction it had in hand: migration and history row together, or neither.
            try await Task.sleep(for: .seconds(6))
            let applied = try await database.tableExists("slow")
            let rows = try await database.history().filter { $0["name"].string == "002_slow" && $0["state"].string == "applied" }
            #expect(applied == !rows.isEmpty)
            #expect(try await !database.tableExists("never"))
        }
    }

    @Test("a runner waiting for the lock whose session is terminated, or whose connection is cut, stops at once and says so")
    func lostWhileWaitingForLock() async throws {
        try await withPostgres { project, database, server in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try await database.whileAnotherRunnerHoldsTheLock {
                for cut in [false, true] {
                    let proxy = try CuttableProxy(upstreamPort: UInt16(server.port)!)
                    let url = database.url.replacingOccurrences(of: ":\(server.port)/", with: ":\(proxy.port)/")
                    let configuration = Configuration(
                        url: try DatabaseURL(url), migrationsPath: project.migrations.path, lockTimeout: .seconds(30))
                    let deploy = Task { try await Migrator(configuration: configuration, drivers: [Backend.postgres.driver]).deploy() }
                    let pid = try await waitForQuery(containing: "advisory", in: database, active: false)
                    if cut {
                        proxy.cutAll()
                    } else {
                        _ = try await database.query("SELECT pg_terminate_backend(\(pid))")
                    }
                    let started = ContinuousClock.now
                    let result = await deploy.result
                    #expect(ContinuousClock.now - started < .seconds(3))
                    guard case .failure(let error) = result else {
                        Issue.record("deploy went on without its connection")
                        continue
                    }
                    #expect(error is ConnectionError, "\(error)")
                    #expect((error as? any StrataError)?.exitStatus == .failure, "\(error)")
                    #expect("\(error)".contains("lock"), "\(error)")
                }
            }
            #expect(try await !database.tableExists("a"))
        }
    }

    @Test("cancelling the deploying task cancels the statement on the server and records the interruption")
    func cancellation() async throws {
        try await withPostgres { project, database, _ in
            try project.add("001_slow", "CREATE TABLE a (id INTEGER);\nSELECT pg_sleep(60);")
            try project.add("002_next", "CREATE TABLE b (id INTEGER);")
            let deploy = Task { try await migrator(project, database.url).deploy() }
            _ = try await waitForQuery(containing: "pg_sleep(60)", in: database)
            let started = ContinuousClock.now
            deploy.cancel()
            let result = await deploy.result
            #expect(ContinuousClock.now - started < .seconds(5))
            guard case .failure(let error as MigrationFailedError) = result else {
                Issue.record("expected the migration's failure, got \(result)")
                return
            }
            #expect(error.interrupted)
            #expect(error.databaseError.code == "57014")
            #expect(error.statementNumber == 2)
            #expect(error.location.line == 2)
            let running = try await database.query(
                "SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE '%pg_sleep(60)%' AND state = 'active' "
                    + "AND datname = current_database() AND pid <> pg_backend_pid()")
            #expect(running.first?["n"].integer == 0, "the statement still runs on the server")
            #expect(try await database.history().map { $0["state"].string } == ["failed"])
            #expect(try await !database.tableExists("b"))
        }
    }

    @Test("Ctrl-C on strata cancels the statement on the server, records it, and says how to go on")
    func interruptTheCLI() async throws {
        try await withPostgres { project, database, _ in
            try project.add("001_slow", "CREATE TABLE a (id INTEGER);\nSELECT pg_sleep(60);")
            let started = Mutex<ContinuousClock.Instant?>(nil)
            let result = try await CLI.run(["migrate", "deploy", "--url", database.url], in: project.root) { process in
                _ = try await waitForQuery(containing: "pg_sleep(60)", in: database)
                started.withLock { $0 = .now }
                process.interrupt()
            }
            let interrupted = try #require(started.withLock { $0 })
            #expect(ContinuousClock.now - interrupted < .seconds(5))
            #expect(result.status == 5, "\(result.output)")
            #expect(result.stderr.contains("001_slow was interrupted at migrations/001_slow/migration.sql:2:1"), "\(result.output)")
            #expect(result.stderr.contains("57014"))
            #expect(result.stderr.contains("run `strata migrate deploy` again when you are ready"))
            #expect(try await database.history().map { $0["state"].string } == ["failed"])
            #expect(try await !database.tableExists("a"))
        }
    }

    @Test("a runtime error in a one-message transaction points at its statement, line and column, past non-ASCII text")
    func errorPositionInBatch() async throws {
        try await withPostgres { project, database, _ in
            try project.add("001_bad", """
                CREATE TABLE t (name TEXT); -- première
                INSERT INTO t VALUES ('héllo wörld, ✓ ünïcode');
                SELECT name, missing_column FROM t;
                INSERT INTO t VALUES ('never');
                """)
            let error = await #expect(throws: MigrationFailedError.self) { try await migrator(project, database.url).deploy() }
            #expect(error?.statementNumber == 3)
            #expect(error?.location.line == 3)
            #expect(error?.location.column == 14)
            #expect(error?.databaseError.code == "42703")
            #expect(try await !database.tableExists("t"))
        }
    }

    @Test("COPY ... FROM STDIN in a migration is an error naming it, not a hang; NOTICEs are not printed")
    func copyAndNotices() async throws {
        try await withPostgres { project, database, _ in
            try project.add("001_notice", "DO $$ BEGIN RAISE NOTICE 'a notice from the migration'; END $$;")
            try project.add("002_copy", "CREATE TABLE t (id INTEGER);\nCOPY t FROM STDIN;")
            let result = try await CLI.run(["migrate", "deploy", "--url", database.url], in: project.root)
            #expect(result.status == 5, "\(result.output)")
            #expect(result.stderr.contains("002_copy/migration.sql:2:1"), "\(result.output)")
            #expect(result.stderr.contains("COPY FROM STDIN"))
            #expect(!result.output.contains("a notice from the migration"))
        }
    }

    // MARK: - Helpers

    /// A migrator on `url` for the project's migrations.
    private func migrator(_ project: TestProject, _ url: String) throws -> Migrator {
        let configuration = Configuration(url: try DatabaseURL(url), migrationsPath: project.migrations.path)
        return try Migrator(configuration: configuration, drivers: [Backend.postgres.driver])
    }

    /// The pid of a Strata session whose query contains `text`, once it
    /// runs it (or, with `active: false`, has run it last).
    private func waitForQuery(containing text: String, in database: TestDatabase, active: Bool = true) async throws -> Int64 {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let rows = try await database.query("""
                SELECT pid FROM pg_stat_activity
                WHERE query LIKE \(PostgresTestServer.literal("%" + text + "%")) \(active ? "AND state = 'active'" : "")
                  AND application_name LIKE 'strata %'
                  AND datname = current_database() AND pid <> pg_backend_pid()
                """)
            if let pid = rows.first?["pid"].integer { return pid }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TimedOut(what: "a session running \(text)")
    }

    private struct TimedOut: Error, CustomStringConvertible {
        let what: String
        var description: String { "waited 30 s for \(what)" }
    }
}

/// The parts of the test cluster's URL, for tests that spell connections out.
struct PostgresTestServer {
    let host: String
    let port: String
    let user: String
    let password: String

    init(_ adminURL: String) throws {
        let url = try DatabaseURL(adminURL)
        host = url.host ?? "127.0.0.1"
        port = url.port.map(String.init) ?? "5432"
        user = url.user ?? "strata"
        password = url.password ?? ""
    }

    /// The database name of a test database.
    func database(of database: TestDatabase) -> String {
        database.postgresName ?? "postgres"
    }

    static func literal(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }
}

/// Runs `body` with a fresh PostgreSQL database and the server's parts;
/// outside CI without a server, does nothing.
func withPostgres(_ body: (TestProject, TestDatabase, PostgresTestServer) async throws -> Void) async throws {
    guard let admin = Backend.postgresAdminURL else {
        try skipWithoutPostgres()
    }
    let server = try PostgresTestServer(admin)
    try await withFreshDatabase(.postgres) { project, database in
        try await body(project, database, server)
    }
}
