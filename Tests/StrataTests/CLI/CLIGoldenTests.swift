import Foundation
import Testing

/// The words every command prints, kept in `Fixtures/cli/*.golden`: a
/// newcomer's session on the embedded SQLite default, each command with its
/// exit code, standard output and standard error. Durations, times, folder
/// timestamps and the project's path are normalised. Run with
/// `STRATA_UPDATE_GOLDEN=1` to rewrite the goldens, then read every change:
/// a golden states what is correct.
@Suite("CLI golden output")
struct CLIGoldenTests {
    static let fixtures = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent() // CLI
        .deletingLastPathComponent() // StrataTests
        .appendingPathComponent("Fixtures/cli")

    /// Runs `arguments` (with `environment`) and appends what a person would see.
    private func record(
        _ arguments: [String], in project: TestProject, environment: [String: String] = [:], to transcript: inout String
    ) async throws {
        let result = try await CLI.run(arguments, in: project.root, environment: environment)
        transcript += "$ strata \(arguments.joined(separator: " "))\n"
        transcript += "exit \(result.status)\n"
        if !result.stdout.isEmpty { transcript += "stdout:\n" + Self.normalised(result.stdout, root: project.root) }
        if !result.stderr.isEmpty { transcript += "stderr:\n" + Self.normalised(result.stderr, root: project.root) }
        transcript += "\n"
    }

    static func normalised(_ text: String, root: URL) -> String {
        var text = text.replacingOccurrences(of: root.path, with: "<project>")
        let patterns = [
            (#"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(\.\d+)?( UTC|Z)?"#, "<time>"),
            (#"\b\d{14}_"#, "<timestamp>_"),
            (#"\b\d+(\.\d)? (ms|s)\b"#, "<duration>"),
            (#"(checksum|sum) [0-9a-f]{12}…"#, "$1 <hash>…"),
            (#"'tester@[^']*'"#, "'tester@<host>'"),
            (#"tester@[A-Za-z0-9.-]+"#, "tester@<host>"),
            (#"postgres(ql)?://[^\s)"]+"#, "<postgres-url>"),
            (#""durationMs" : \d+"#, "\"durationMs\" : <ms>"),
        ]
        for (pattern, replacement) in patterns {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return text.hasSuffix("\n") ? text : text + "\n"
    }

    private func compare(_ transcript: String, with name: String) throws {
        let file = Self.fixtures.appendingPathComponent("\(name).golden")
        if ProcessInfo.processInfo.environment["STRATA_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: Self.fixtures, withIntermediateDirectories: true)
            try Data(transcript.utf8).write(to: file)
            return
        }
        let golden = try String(contentsOf: file, encoding: .utf8)
        #expect(transcript == golden, "the output of \(name) changed; if that is right, run with STRATA_UPDATE_GOLDEN=1 and read the diff")
    }

    @Test("a newcomer's session: init, new, deploy, status, a failure, down, reset, bad input")
    func newcomerSession() async throws {
        let project = try TestProject()
        try FileManager.default.removeItem(at: project.migrations)
        var transcript = ""
        try await record(["init"], in: project, to: &transcript)
        try await record(["migrate", "status"], in: project, to: &transcript)
        try await record(["migrate", "down"], in: project, to: &transcript)
        try await record(["migrate", "new", "--name", "create users"], in: project, to: &transcript)
        let folders = try FileManager.default.contentsOfDirectory(atPath: project.migrations.path).filter { !$0.hasSuffix(".sum") }
        let first = try #require(folders.first)
        try await record(["migrate", "deploy"], in: project, to: &transcript)
        try project.edit(first, "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT \"anonymous\");\n")
        try Data("DROP TABLE users;\n".utf8).write(to: project.migrations.appendingPathComponent("\(first)/down.sql"))
        try await record(["migrate", "deploy", "--dry-run"], in: project, to: &transcript)
        try await record(["migrate", "deploy"], in: project, to: &transcript)
        try await record(["migrate", "status"], in: project, to: &transcript)
        try project.add("20990101000000_broken", "CREATE TABLE posts (id INTEGER);\nINSERT INTO nowhere VALUES (1);\n")
        try await record(["migrate", "deploy"], in: project, to: &transcript)
        try await record(["migrate", "status"], in: project, to: &transcript)
        try project.edit("20990101000000_broken", "CREATE TABLE posts (id INTEGER);\nSELEC 1;\n")
        try await record(["migrate", "deploy"], in: project, to: &transcript)
        try project.remove("20990101000000_broken")
        try await record(["migrate", "hash"], in: project, to: &transcript)
        try await record(["migrate", "down"], in: project, to: &transcript)
        try await record(["migrate", "reset", "--force"], in: project, to: &transcript)
        try await record(["migrate", "status", "--url", "postgres://app:secret@:99999/x"], in: project, to: &transcript)
        try await record(["migrate", "deploy", "--lock-timeout", "soon"], in: project, to: &transcript)
        try compare(transcript, with: "newcomer-session")
    }

    @Test("linting without a database: human, GitHub, JSON and SARIF output, ignores, bad input")
    func lintingFiles() async throws {
        let project = try TestProject()
        var transcript = ""
        func run(_ arguments: String...) async throws { try await record(arguments, in: project, to: &transcript) }
        try Data("# Prisma Migrate lock file\nprovider = \"postgresql\"\n".utf8).write(to: project.migrations.appendingPathComponent("migration_lock.toml"))
        try project.add("20240101000000_init", """
            CREATE TABLE "User" ("id" SERIAL PRIMARY KEY, "email" VARCHAR(255) NOT NULL, "name" TEXT, "bio" TEXT);
            CREATE INDEX "User_email_idx" ON "User"("email");

            """)
        try project.add("20240102000000_changes", """
            -- strata:lint-ignore renaming-column the app reads both names since v3
            ALTER TABLE "User" RENAME COLUMN "name" TO "displayName";
            ALTER TABLE "User" DROP COLUMN "bio";
            ALTER TABLE "User" ADD COLUMN "role" TEXT NOT NULL;
            CREATE INDEX "User_role_idx" ON "User"("role");

            """)
        try await run("lint")
        try await run("lint", "--advice", "migrations/20240102000000_changes/migration.sql")
        try await run("lint", "--format", "github")
        try await run("lint", "--format", "sarif", "migrations/20240101000000_init/migration.sql")
        try await run("lint", "--json", "migrations/20240102000000_changes")
        try await run("lint", "--rules", "--dialect", "sqlite")
        try project.edit("20240102000000_changes", "-- strata:lint-ignore ban-drop-colum\nALTER TABLE \"User\" DROP COLUMN \"bio\";\n")
        try await run("lint")
        try await run("lint", "nowhere.sql")
        try await run("lint", "--format", "xml")
        try Data("[lint.rules]\nban-drop-colum = \"off\"\n".utf8).write(to: project.root.appendingPathComponent("strata.toml"))
        try await run("lint")
        try compare(transcript, with: "lint-files")
    }

    @Test("the lock report and deploy's findings on PostgreSQL, with live sizes; lint.deploy = \"error\" stops deploy")
    func lockReportOnPostgres() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            let environment = ["DATABASE_URL": database.url]
            var transcript = ""
            func run(_ arguments: String...) async throws {
                try await record(arguments, in: project, environment: environment, to: &transcript)
            }
            try project.add("20240101000000_users", """
                CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100) NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
                CREATE TABLE settings (id int PRIMARY KEY, value text);

                """)
            try await run("migrate", "deploy")
            _ = try await database.query("INSERT INTO users SELECT g, 'user' || g || '@example.com' FROM generate_series(1, 20000) AS g")
            _ = try await database.query("INSERT INTO settings VALUES (1, 'on')")
            _ = try await database.query("ANALYZE users")
            _ = try await database.query("ANALYZE settings")
            try project.add("20240102000000_indexes", """
                CREATE INDEX users_created_idx ON users (created_at);
                CREATE INDEX settings_value_idx ON settings (value);
                ALTER TABLE users ALTER COLUMN email TYPE text;
                ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();

                """)
            try await run("migrate", "plan")
            try await run("migrate", "plan", "--json")
            try await run("lint")
            try Data("[lint]\ndeploy = \"error\"\nlarge_table_rows = 10001\n".utf8).write(to: project.root.appendingPathComponent("strata.toml"))
            try await run("migrate", "deploy")
            try await run("migrate", "status")
            try FileManager.default.removeItem(at: project.root.appendingPathComponent("strata.toml"))
            try await run("migrate", "deploy")
            try compare(transcript, with: "postgres-lock-report")
        }
    }

    @Test(
        "settling a PostgreSQL history: a failure that left effects, resolve, a folder removed on purpose, baseline")
    func settlingOnPostgres() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            let environment = ["DATABASE_URL": database.url]
            var transcript = ""
            func run(_ arguments: String...) async throws {
                try await record(arguments, in: project, environment: environment, to: &transcript)
            }
            try project.add("20240101000000_users", "CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL);\n")
            // Outside a transaction (CONCURRENTLY): the first index stays when the second fails.
            try project.add("20240102000000_indexes", """
                CREATE INDEX CONCURRENTLY users_email ON users (email);
                CREATE INDEX CONCURRENTLY users_name ON users (name);

                """)
            try await run("migrate", "hash")
            try await run("migrate", "deploy")
            try await run("migrate", "status")
            try await run("migrate", "deploy")
            try await run("migrate", "resolve", "--removed", "20240102000000_indexes")
            try await run("migrate", "resolve", "--applied", "20240103000000_nothing")
            // Undone by hand, fixed, deployed again.
            _ = try await database.query("DROP INDEX users_email")
            try await run("migrate", "resolve", "--rolled-back", "20240102000000")
            try project.edit("20240102000000_indexes", "CREATE INDEX CONCURRENTLY users_email ON users (email);\n")
            try project.add("20240103000000_posts", "CREATE TABLE posts (id bigint PRIMARY KEY);\n")
            try await run("migrate", "deploy")
            // Squashed away on purpose: the index stays, the folder goes.
            try project.remove("20240102000000_indexes")
            try await run("migrate", "hash")
            try await run("migrate", "status")
            try await run("migrate", "deploy")
            try await run("migrate", "resolve", "--applied", "20240102000000_indexes")
            try await run("migrate", "resolve", "--removed", "20240102000000_indexes", "--json")
            try await run("migrate", "status", "--json")
            try compare(transcript, with: "postgres-settling")
        }
    }

    @Test("adopting an existing PostgreSQL database with baseline")
    func baselineOnPostgres() async throws {
        try await withFreshDatabase(.postgres) { project, database in
            let environment = ["DATABASE_URL": database.url]
            var transcript = ""
            func run(_ arguments: String...) async throws {
                try await record(arguments, in: project, environment: environment, to: &transcript)
            }
            // The schema the first two migrations would create is there already.
            _ = try await database.query("CREATE TABLE users (id bigint PRIMARY KEY); CREATE TABLE posts (id bigint PRIMARY KEY)")
            try project.add("20240101000000_users", "CREATE TABLE users (id bigint PRIMARY KEY);\n")
            try project.add("20240102000000_posts", "CREATE TABLE posts (id bigint PRIMARY KEY);\n")
            try project.add("20240103000000_tags", "CREATE TABLE tags (id bigint PRIMARY KEY);\n")
            try await run("migrate", "hash")
            try await run("migrate", "status")
            try await run("migrate", "deploy")
            try await run("migrate", "baseline", "--to", "20240109000000")
            try await run("migrate", "baseline", "--to", "20240102000000_posts", "--dry-run")
            try await run("migrate", "baseline", "--to", "20240102000000_posts")
            try await run("migrate", "baseline", "--to", "20240102000000_posts", "--json")
            try await run("migrate", "deploy")
            try await run("migrate", "status", "--json")
            try compare(transcript, with: "postgres-baseline")
        }
    }
}
