import Foundation
import Strata
import StrataPostgres
import Testing

/// Every migration starts with the session as a new connection has it, as
/// psql gives every file a new session; the migration lock stays held.
@Suite("Session settings between migrations")
struct SessionSettingsTests {
    @Test("set_config, SET search_path, SET ROLE and temporary tables do not leak into the next migration")
    func noLeaks() async throws {
        try await withPostgres { project, database, _ in
            // pg_dump's preamble: an empty search path for the rest of the session.
            try project.add("001_dump", "SELECT pg_catalog.set_config('search_path', '', false);\nCREATE TABLE public.a (id INTEGER);")
            try project.add("002_unqualified", "CREATE TABLE b (id INTEGER);")
            try project.add("003_other_schema", "CREATE SCHEMA s;\nSET search_path = s;\nCREATE TABLE c (id INTEGER);\nSET statement_timeout = '20ms';")
            try project.add("004_back_home", """
                CREATE TABLE d (id INTEGER);
                SELECT pg_sleep(0.05);
                CREATE TEMPORARY TABLE scratch (id INTEGER);
                """)
            try project.add("005_temp_again", """
                CREATE TEMPORARY TABLE scratch (id INTEGER);
                CREATE TABLE lock_held AS SELECT count(*) AS n FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid();
                """)
            let migrator = try project.migrator(database)
            let report = try await migrator.deploy()
            #expect(report.applied.count == 5)
            let tables = try await database.query("""
                SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
                WHERE table_name IN ('a', 'b', 'c', 'd', 'lock_held') ORDER BY 1
                """)
            #expect(tables.map { $0["name"].string } == ["public.a", "public.b", "public.d", "public.lock_held", "s.c"])
            #expect(try await database.query("SELECT n FROM lock_held").first?["n"].integer == 1, "the migration lock was let go")
        }
    }

    @Test("the dry run shows the reset after a migration that changed the session, and only there")
    func dryRunShowsReset() async throws {
        try await withPostgres { project, database, _ in
            try project.add("001_plain", "CREATE TABLE a (id INTEGER);")
            try project.add("002_local", "BEGIN;\nSET LOCAL lock_timeout = '1s';\nCREATE TABLE b (id INTEGER);\nCOMMIT;")
            try project.add("003_set", "SET search_path = public, extensions;\nCREATE TABLE c (id INTEGER);")
            try project.add("004_after", "CREATE TABLE d (id INTEGER);")
            let sql = try #require(try await project.migrator(database).deploy(DeployOptions(dryRun: true)).dryRunSQL)
            #expect(sql.components(separatedBy: "RESET ALL;").count == 2, "\(sql)")
            let reset = try #require(sql.range(of: "RESET ALL;"))
            #expect(sql.range(of: "CREATE TABLE c")!.upperBound < reset.lowerBound)
            #expect(reset.upperBound < sql.range(of: "CREATE TABLE d")!.lowerBound)
            #expect(!sql.contains("pg_advisory_unlock_all"))
        }
    }
}
