import Foundation
import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// The built `strata` binary: exit codes, messages, JSON, colour and secrets.
@Suite("CLI")
struct CLITests {
    @Test("status exits 0 when up to date, 2 with pending, 3 when something needs attention", arguments: Backend.allCases)
    func statusExitCodes(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let url = ["--url", database.url]
            let pending = try await CLI.run(["migrate", "status"] + url, in: project.root)
            #expect(pending.status == 2)
            #expect(pending.stdout.contains("1 migration: 1 pending."))
            let deploy = try await CLI.run(["migrate", "deploy"] + url, in: project.root)
            #expect(deploy.status == 0, "\(deploy.output)")
            #expect(deploy.stdout.contains("001_a"))
            #expect(try await CLI.run(["migrate", "status"] + url, in: project.root).status == 0)
            try project.edit("001_a", "CREATE TABLE a (id INTEGER, b INTEGER);")
            let edited = try await CLI.run(["migrate", "status"] + url, in: project.root)
            #expect(edited.status == 3)
            #expect(edited.stdout.contains("edited"))
            let refused = try await CLI.run(["migrate", "deploy"] + url, in: project.root)
            #expect(refused.status == 3)
            #expect(refused.stderr.contains("deploy refused"))
        }
    }

    @Test("the summary says when a run's deferred commits became durable", arguments: Backend.allCases)
    func durabilitySummary(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try project.add("002_b", "CREATE TABLE b (id INTEGER);")
            let url = ["--url", database.url]
            let one = try await CLI.run(["migrate", "deploy", "--target", "001_a"] + url, in: project.root)
            #expect(one.stdout.contains("Applied 1 migration to"), "\(one.output)")
            #expect(!one.stdout.contains("flushed"), "a single commit waits for the disk anyway")
            try project.add("003_c", "CREATE TABLE c (id INTEGER);")
            let two = try await CLI.run(["migrate", "deploy"] + url, in: project.root)
            #expect(two.stdout.contains("Applied 2 migrations to"), "\(two.output)")
            #expect(two.stdout.contains("(flushed to disk together at the last commit)") == (backend == .postgres), "\(two.output)")
        }
    }

    @Test("a failing migration exits 5 and names file:line:column and the database's message", arguments: Backend.allCases)
    func failureReport(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_bad", "CREATE TABLE a (id INTEGER);\nSELECT * FROM no_such_table;")
            let result = try await CLI.run(["migrate", "deploy", "--url", database.url], in: project.root)
            #expect(result.status == 5)
            #expect(result.stderr.contains("migrations/001_bad/migration.sql:2:"))
            #expect(result.stderr.contains("no_such_table"))
            #expect(result.stderr.contains("rolled back"))
            #expect(result.stderr.contains("→"))
            let status = try await CLI.run(["migrate", "status", "--json", "--url", database.url], in: project.root)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
            let migrations = try #require(json["migrations"] as? [[String: Any]])
            #expect(migrations.first?["state"] as? String == "failed")
            #expect((migrations.first?["error"] as? String)?.contains("no_such_table") == true)
            #expect(json["exitCode"] as? Int == 2, "deploy retries a failure that rolled back: pending, as deploy sees it")
        }
    }

    @Test("a runner waiting for the lock says whom it waits for and exits 4 after --lock-timeout", arguments: Backend.allCases)
    func lockTimeout(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            let holder = try await database.session()
            try await holder.acquireMigrationLock(
                for: TableReference(schema: holder.schema, name: "_strata_migrations"), timeout: .seconds(5)) { _ in }
            let result = try await CLI.run(
                ["migrate", "deploy", "--lock-timeout", "1s", "--url", database.url], in: project.root)
            try await holder.releaseMigrationLock()
            await holder.close()
            #expect(result.status == 4, "\(result.output)")
            #expect(result.stderr.contains("waiting for the migration lock, held by"))
            #expect(result.stderr.contains(backend == .postgres ? "strata-tests" : "strata "))
            #expect(result.stderr.contains("gave up waiting for the migration lock after 1 s"))
            #expect(try await !database.tableExists("a"))
        }
    }

    @Test("the password never appears in output, errors or dry-run SQL")
    func passwordNeverPrinted() async throws {
        guard Backend.postgresAdminURL != nil else {
            try skipWithoutPostgres()
        }
        try await withFreshDatabase(.postgres) { project, database in
            let password = try #require(try DatabaseURL(database.url).password)
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            try project.add("002_bad", "SELECT * FROM nope;")
            var outputs: [CLIResult] = []
            for arguments in [["migrate", "deploy"], ["migrate", "status"], ["migrate", "status", "--json"], ["migrate", "deploy", "--dry-run"]] {
                outputs.append(try await CLI.run(arguments + ["--url", database.url], in: project.root))
            }
            // DATABASE_URL from the environment, a wrong password, and an unreachable server.
            outputs.append(try await CLI.run(["migrate", "status"], in: project.root, environment: ["DATABASE_URL": database.url]))
            let wrong = database.url.replacingOccurrences(of: password, with: "not-the-\(password)")
            outputs.append(try await CLI.run(["migrate", "status", "--url", wrong], in: project.root))
            let unreachable = database.url.replacingOccurrences(of: #":\d+/"#, with: ":1/", options: .regularExpression)
            outputs.append(try await CLI.run(["migrate", "status", "--url", unreachable], in: project.root))
            #expect(outputs[0].status == 5)
            #expect(outputs[5].status == 1)
            #expect(outputs[5].stderr.contains("cannot connect"))
            #expect(outputs[6].status == 1)
            for output in outputs {
                #expect(!output.output.contains(password), "password printed: \(output.output)")
            }
            #expect(outputs[1].stdout.contains("strata:***@"))
        }
    }

    @Test("a short password is masked as the URL's password only, not wherever its letters appear")
    func shortPasswordMasking() async throws {
        try await withPostgres { project, database, server in
            let role = "carol_" + UUID().uuidString.prefix(8).lowercased()
            try await database.withSession { session in
                try await session.execute("CREATE ROLE \(role) LOGIN PASSWORD 'id'")
                try await session.execute("GRANT ALL ON DATABASE \(server.database(of: database)) TO \(role)")
                try await session.execute("GRANT ALL ON SCHEMA public TO \(role)")
            }
            try project.add("001_a", "CREATE TABLE a (\"id\" BIGINT);\nCREATE INDEX CONCURRENTLY a_id ON a (\"id\");")
            let url = "postgres://\(role):id@\(server.host):\(server.port)/\(server.database(of: database))"
            let dryRun = try await CLI.run(["migrate", "deploy", "--dry-run", "--url", url], in: project.root)
            #expect(dryRun.status == 0, "\(dryRun.output)")
            #expect(dryRun.stdout.contains("\"id\" BIGINT"), "\(dryRun.stdout)")
            #expect(dryRun.stdout.contains("outside"), "\(dryRun.stdout)")
            #expect(dryRun.stdout.contains("\(role):***@"), "\(dryRun.stdout)")
            #expect(!dryRun.output.contains(":id@"))
            try await database.withSession { try await $0.execute("DROP OWNED BY \(role); DROP ROLE \(role)") }
        }
    }

    @Test("down and reset in production need --force, and on a terminal the database name typed")
    func productionConfirmation() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);", down: "DROP TABLE a;")
        try Data("[environments.production]\nurl = \"sqlite:prod.db\"\nproduction = true\n".utf8)
            .write(to: project.root.appendingPathComponent("strata.toml"))
        #expect(try await CLI.run(["migrate", "hash"], in: project.root).status == 0)
        #expect(try await CLI.run(["migrate", "deploy"], in: project.root).status == 0)
        let refused = try await CLI.run(["migrate", "down"], in: project.root)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("production = true"), "\(refused.output)")
        #expect(refused.stderr.contains("--force"))

        // On a terminal (script(1) gives it one) the name must be typed.
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else { return }
        let wrong = try CLI.onTerminal("migrate down --force", in: project.root, typing: "app.db", environment: ["NO_COLOR": "1"])
        #expect(wrong.contains("Type the database name (prod.db)"), "\(wrong)")
        #expect(wrong.contains("nothing was changed"), "\(wrong)")
        #expect(try await CLI.run(["migrate", "status"], in: project.root).status == 0, "still applied")
        let right = try CLI.onTerminal("migrate down --force", in: project.root, typing: "prod.db", environment: ["NO_COLOR": "1"])
        #expect(right.contains("Rolled back 1 migration"), "\(right)")
    }

    @Test("--version names the PostgreSQL grammar and the SQLite library; completions print for each shell")
    func versionAndCompletions() async throws {
        let project = try TestProject()
        let version = try await CLI.run(["--version"], in: project.root)
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("strata "), "\(version.stdout)")
        #expect(version.stdout.contains("PostgreSQL \(PostgresDialect.parserGrammarVersion) grammar"), "\(version.stdout)")
        #expect(version.stdout.contains("SQLite: \(SQLiteDialect.libraryVersion)"), "\(version.stdout)")
        for shell in ["bash", "zsh", "fish"] {
            let script = try await CLI.run(["completions", shell], in: project.root)
            #expect(script.status == 0)
            #expect(script.stdout.contains("deploy"), "\(shell)")
        }
        let unknownShell = try await CLI.run(["completions", "tcsh"], in: project.root)
        #expect(unknownShell.status == 64)
        // The parser's errors are spelled as every other failure.
        let bogus = try await CLI.run(["migrate", "deploy", "--bogus"], in: project.root)
        #expect(bogus.status == 64)
        #expect(bogus.stderr.hasPrefix("error: Unknown option '--bogus'"), "\(bogus.stderr)")
        #expect(!bogus.output.contains("Error:"))
        let help = try await CLI.run(["migrate", "deploy", "--help"], in: project.root)
        #expect(help.status == 0)
        #expect(help.stdout.contains("USAGE"), "\(help.output)")
    }

    @Test("status and deploy agree on a failure that left nothing; reset, down and status say what they did in plain words")
    func statesAndWording() async throws {
        let project = try TestProject()
        let empty = try await CLI.run(["migrate", "status"], in: project.root)
        #expect(empty.stdout.contains("no migrations yet: create one with `strata migrate new --name init`"), "\(empty.output)")
        #expect(empty.stdout.contains("Nothing to apply."), "\(empty.output)")
        let nothing = try await CLI.run(["migrate", "down"], in: project.root)
        #expect(nothing.stdout.contains("Nothing to roll back"), "\(nothing.output)")

        try project.add("001_a", "CREATE TABLE a (id INTEGER);")
        try project.add("002_bad", "CREATE TABLE b (id INTEGER);\nINSERT INTO nowhere VALUES (1);")
        #expect(try await CLI.run(["migrate", "deploy"], in: project.root).status == 5)
        let status = try await CLI.run(["migrate", "status"], in: project.root)
        #expect(status.status == 2, "deploy retries a failure that rolled back, so status says pending: \(status.output)")
        #expect(status.stdout.contains("rolled back; deploy retries it"))
        #expect(status.stdout.contains("Run `strata migrate deploy` to apply them."), "\(status.output)")

        try project.edit("002_bad", "CREATE TABLE b (id INTEGER);")
        let dryRun = try await CLI.run(["migrate", "reset", "--dry-run"], in: project.root)
        #expect(dryRun.stdout.hasPrefix("-- strata migrate reset --dry-run"), "\(dryRun.stdout.prefix(80))")
        let reset = try await CLI.run(["migrate", "reset", "--force"], in: project.root)
        #expect(reset.status == 0, "\(reset.output)")
        let lines = reset.stdout.split(separator: "\n").map(String.init)
        let dropped = try #require(lines.firstIndex { $0.hasPrefix("Dropped ") && $0.contains("objects in the database") }, "\(reset.stdout)")
        let applied = try #require(lines.firstIndex { $0.contains("001_a") })
        #expect(dropped < applied, "the drop is reported where it happened, before the applies")
    }

    @Test("--json prints JSON on stdout for failures too: what was done, the error, where, and the exit code")
    func jsonFailures() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);")
        try project.add("002_bad", "CREATE TABLE b (id INTEGER);\nINSERT INTO nowhere VALUES (1);")
        #expect(try await CLI.run(["migrate", "hash"], in: project.root).status == 0)
        let failed = try await CLI.run(["migrate", "deploy", "--json"], in: project.root)
        #expect(failed.status == 5)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(failed.stdout.utf8)) as? [String: Any], "\(failed.stdout)")
        #expect(json["done"] as? [String] == ["001_a"])
        #expect(json["exitCode"] as? Int == 5)
        let error = try #require(json["error"] as? [String: Any])
        #expect(error["code"] as? String == "SQLITE_ERROR")
        #expect((error["message"] as? String)?.contains("nowhere") == true)
        #expect(error["migration"] as? String == "002_bad")
        #expect((error["file"] as? String)?.hasSuffix("002_bad/migration.sql") == true)
        #expect(error["line"] as? Int == 2)
        #expect(error["column"] as? Int == 1)

        try project.edit("001_a", "CREATE TABLE a (id BIGINT);")
        let refused = try await CLI.run(["migrate", "status", "--json"], in: project.root)
        #expect(refused.status == 3)
        let refusal = try #require(try JSONSerialization.jsonObject(with: Data(refused.stdout.utf8)) as? [String: Any], "\(refused.output)")
        #expect(refusal["exitCode"] as? Int == 3)
        #expect(((refusal["error"] as? [String: Any])?["details"] as? [String])?.first?.contains("strata.sum") == true)

        try project.edit("001_a", "CREATE TABLE a (id INTEGER);")
        try project.edit("002_bad", "CREATE TABLE b (id INTEGER);")
        #expect(try await CLI.run(["migrate", "hash"], in: project.root).status == 0)
        let applied = try await CLI.run(["migrate", "deploy", "--json"], in: project.root)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(applied.stdout.utf8)) as? [String: Any], "\(applied.output)")
        let migrations = try #require(report["migrations"] as? [[String: Any]])
        #expect(migrations.first?["durationMs"] is Int, "one spelling across commands: durationMs")
        #expect(report["exitCode"] as? Int == 0)
    }

    @Test("the authoring loop needs no hash step while a migration is applied nowhere (rolled back included); edits of applied ones, merges and CI still refuse")
    func authoringLoop() async throws {
        let project = try TestProject()
        try FileManager.default.removeItem(at: project.migrations)
        #expect(try await CLI.run(["init"], in: project.root).status == 0)
        #expect(try await CLI.run(["migrate", "new", "--name", "init"], in: project.root).status == 0)
        let folders = try FileManager.default.contentsOfDirectory(atPath: project.migrations.path).filter { !$0.hasSuffix(".sum") }
        let first = try #require(folders.first)
        try project.edit(first, "CREATE TABLE a (id INTEGER);")
        let status = try await CLI.run(["migrate", "status"], in: project.root)
        #expect(status.status == 2, "\(status.output)")
        #expect(status.stdout.contains("strata.sum does not list \(first) as it is yet"), "\(status.stdout)")
        let deploy = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(deploy.status == 0, "\(deploy.output)")
        #expect(deploy.stderr.contains("strata.sum updated for \(first)"), "\(deploy.stderr)")

        // A second migration while the first one's edit... is applied: new works, and so does its deploy.
        try await Task.sleep(for: .seconds(1.1)) // a new timestamp
        #expect(try await CLI.run(["migrate", "new", "--name", "second"], in: project.root).status == 0)
        let second = try #require(try FileManager.default.contentsOfDirectory(atPath: project.migrations.path).filter { $0 != first && !$0.hasSuffix(".sum") }.first)
        try project.edit(second, "CREATE TABLE b (id INTEGER);")
        let inCI = try await CLI.run(["migrate", "deploy"], in: project.root, environment: ["CI": "true"])
        #expect(inCI.status == 3, "in CI strata.sum must match: \(inCI.output)")
        #expect(try await CLI.run(["migrate", "deploy"], in: project.root).status == 0)

        // Editing an applied migration is still an error, with or without strata.sum.
        try project.edit(first, "CREATE TABLE a (id BIGINT);")
        let edited = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(edited.status == 3, "\(edited.output)")
        try project.edit(first, "CREATE TABLE a (id INTEGER);")
        try project.edit(second, "CREATE TABLE b (id BIGINT);")
        let editedLast = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(editedLast.status == 3, "the newest migration is applied: its edit is refused: \(editedLast.output)")

        // Rolled back, it is being written again: the edit needs no hash step.
        try project.edit(second, "CREATE TABLE b (id INTEGER);")
        try Data("DROP TABLE b;".utf8).write(to: project.migrations.appendingPathComponent("\(second)/down.sql"))
        #expect(try await CLI.run(["migrate", "hash"], in: project.root).status == 0)
        #expect(try await CLI.run(["migrate", "down"], in: project.root).status == 0)
        try project.edit(second, "CREATE TABLE b (id BIGINT);")
        let rewritten = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(rewritten.status == 0, "\(rewritten.output)")
        #expect(rewritten.stderr.contains("strata.sum updated for \(second)"), "\(rewritten.stderr)")
    }

    @Test("SQLite files that cannot be opened get SQLite's reason and a next step about the file, not about a server")
    func sqliteOpenErrors() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);")
        try Data(String(repeating: "not a database ", count: 20).utf8).write(to: project.root.appendingPathComponent("bad.db"))
        for (url, next) in [("sqlite:no/such/folder/app.db", "check that the folder no/such/folder exists"),
                            ("sqlite:bad.db", "bad.db is not an SQLite database file")] {
            let result = try await CLI.run(["migrate", "deploy", "--url", url], in: project.root)
            #expect(result.status == 1, "\(result.output)")
            #expect(result.stderr.contains(next), "\(result.stderr)")
            #expect(!result.stderr.contains("server"), "\(result.stderr)")
            #expect(!result.stderr.contains("Error:"), "a raw error escaped: \(result.stderr)")
        }
    }

    @Test("migrate new and migrate hash need no database URL that resolves")
    func filesCommandsWithoutDatabase() async throws {
        let project = try TestProject()
        try Data("[environments.production]\nurl = \"postgres://${DB_HOST}/app\"\n".utf8)
            .write(to: project.root.appendingPathComponent("strata.toml"))
        let environment = ["DATABASE_URL": "mysql://db/app"]
        let created = try await CLI.run(["migrate", "new", "--name", "first"], in: project.root, environment: environment)
        #expect(created.status == 0, "\(created.output)")
        let folder = try #require(try FileManager.default.contentsOfDirectory(atPath: project.migrations.path).first { $0.hasSuffix("_first") })
        try project.edit(folder, "CREATE TABLE a (id INTEGER);")
        let hashed = try await CLI.run(["migrate", "hash"], in: project.root, environment: environment)
        #expect(hashed.status == 0, "\(hashed.output)")
        // A command that needs the database still says what is wrong with its URL.
        let status = try await CLI.run(["migrate", "status"], in: project.root)
        #expect(status.status == 1)
        #expect(status.stderr.contains("${DB_HOST}"), "\(status.stderr)")
    }

    @Test("on a terminal output has colour, and NO_COLOR turns it off")
    func noColor() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
            try Test.cancel("script(1) is not installed: no terminal to test on")
        }
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);")
        #expect(try CLI.onTerminal("migrate status", in: project.root).contains("\u{1B}["), "colour on a terminal")
        let plain = try CLI.onTerminal("migrate status", in: project.root, environment: ["NO_COLOR": "1"])
        #expect(!plain.contains("\u{1B}["), "NO_COLOR turns it off")
    }

    @Test("piped output has no colour; --json is parseable")
    func plainOutputAndJSON() async throws {
        let project = try TestProject()
        try project.add("001_a", "CREATE TABLE a (id INTEGER);")
        let deploy = try await CLI.run(["migrate", "deploy", "--json"], in: project.root)
        #expect(deploy.status == 0, "\(deploy.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(deploy.stdout.utf8)) as? [String: Any])
        #expect((json["migrations"] as? [[String: Any]])?.first?["name"] as? String == "001_a")
        #expect(json["database"] as? String == "sqlite:strata.db")
        let status = try await CLI.run(["migrate", "status"], in: project.root, environment: ["TERM": "xterm-256color"])
        #expect(!status.output.contains("\u{1B}["))
        #expect(status.stdout.contains("the embedded default"))
        #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("strata.db").path))
    }

    @Test("init, new and hash keep the folder and strata.sum consistent")
    func initNewHash() async throws {
        let project = try TestProject()
        try FileManager.default.removeItem(at: project.migrations)
        let initialized = try await CLI.run(["init"], in: project.root)
        #expect(initialized.status == 0, "\(initialized.output)")
        for file in ["strata.toml", ".gitignore", "migrations/strata.sum"] {
            #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent(file).path), "\(file)")
        }
        let gitignore = try String(contentsOf: project.root.appendingPathComponent(".gitignore"), encoding: .utf8)
        #expect(gitignore.contains("strata.db"))
        #expect(try await CLI.run(["init"], in: project.root).stdout.contains("kept"))

        let created = try await CLI.run(["migrate", "new", "--name", "Add user bio!"], in: project.root)
        #expect(created.status == 0, "\(created.output)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: project.migrations.path).filter { !$0.hasSuffix(".sum") }
        let folder = try #require(folders.first)
        #expect(folder.count == "20240101000000_add_user_bio".count && folder.hasSuffix("_add_user_bio"))

        // An empty migration.sql is bad input: a clear error, nothing applied.
        let empty = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("\(folder)/migration.sql: is empty"))

        // Written after `new` and applied nowhere: deploy records it in strata.sum and applies it.
        try project.edit(folder, "CREATE TABLE bio (id INTEGER);")
        let deployed = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(deployed.status == 0, "\(deployed.output)")
        #expect(deployed.stderr.contains("strata.sum updated for \(folder)"))
        #expect(try await CLI.run(["migrate", "hash"], in: project.root).status == 0)
    }

    @Test("bad input is a clear error that changes nothing")
    func badInput() async throws {
        let project = try TestProject()
        try project.add("001_a", "-- strata:transactions off\nCREATE TABLE a (id INTEGER);")
        let directive = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(directive.status == 1)
        #expect(directive.stderr.contains("migrations/001_a/migration.sql:1:1: unknown directive `strata:transactions`"))
        #expect(!FileManager.default.fileExists(atPath: project.root.appendingPathComponent("strata.db").path))

        let badURL = try await CLI.run(["migrate", "status", "--url", "localhost:5432/db"], in: project.root)
        #expect(badURL.status == 1)
        #expect(badURL.stderr.contains("no database driver for `localhost:` URLs"))

        try Data("[environments.production]\nurl = \"${PRODUCTION_DATABASE_URL}\"\n".utf8)
            .write(to: project.root.appendingPathComponent("strata.toml"))
        let missingVariable = try await CLI.run(["migrate", "status", "--env", "production"], in: project.root)
        #expect(missingVariable.status == 1)
        #expect(missingVariable.stderr.contains("${PRODUCTION_DATABASE_URL}, which is not set"))

        let unknownEnvironment = try await CLI.run(["migrate", "status", "--env", "staging"], in: project.root)
        #expect(unknownEnvironment.stderr.contains("no environment `staging`"))
    }

    @Test("with only prisma/migrations present, it is the default folder")
    func prismaFolderDefault() async throws {
        let project = try TestProject()
        try FileManager.default.removeItem(at: project.migrations)
        let prisma = project.root.appendingPathComponent("prisma/migrations/20240101000000_init")
        try FileManager.default.createDirectory(at: prisma, withIntermediateDirectories: true)
        try Data("CREATE TABLE a (id INTEGER);".utf8).write(to: prisma.appendingPathComponent("migration.sql"))
        let status = try await CLI.run(["migrate", "status"], in: project.root)
        #expect(status.status == 2)
        #expect(status.stdout.contains("prisma/migrations"))
        #expect(status.stdout.contains("no strata.sum"))
    }

    @Test("the README's main job: the bundled Examples/blog deploys to SQLite and is then up to date")
    func bundledExample() async throws {
        let project = try TestProject()
        let example = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../Examples/blog").standardized
        try FileManager.default.removeItem(at: project.migrations)
        for item in ["strata.toml", "migrations"] {
            try FileManager.default.copyItem(
                at: example.appendingPathComponent(item), to: project.root.appendingPathComponent(item))
        }
        let deploy = try await CLI.run(["migrate", "deploy"], in: project.root)
        #expect(deploy.status == 0, "\(deploy.output)")
        let status = try await CLI.run(["migrate", "status"], in: project.root)
        #expect(status.status == 0, "\(status.output)")
        #expect(status.stdout.contains("strata.sum matches"))
        #expect(FileManager.default.fileExists(atPath: project.root.appendingPathComponent("blog.db").path))
    }
}
