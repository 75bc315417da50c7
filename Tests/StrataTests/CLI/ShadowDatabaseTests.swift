import Foundation
import Strata
import Testing

/// A configured shadow database (`shadow_url`, Prisma's `shadowDatabaseUrl`)
/// for a user without CREATEDB, through the built binary on real PostgreSQL.
@Suite("configured shadow database")
struct ShadowDatabaseTests {
    /// The admin URL with another user and database.
    static func url(user: String, password: String, database: String) throws -> String {
        let admin = try DatabaseURL(try #require(Backend.postgresAdminURL))
        let host = admin.host ?? "127.0.0.1"
        return "postgres://\(user):\(password)@\(host):\(admin.port ?? 5432)/\(database)"
    }

    @Test("without CREATEDB: the refusal names shadow_url; shadow_url and shadowDatabaseUrl work, and the shadow is left empty")
    func userWithoutCreateDatabase() async throws {
        try await withFreshDatabase(.postgres) { project, main in
            let shadow = try await TestDatabase.make(.postgres, in: project.root)
            let role = "strata_nocreatedb_" + UUID().uuidString.lowercased().prefix(8)
            let admin = try await TestDatabase(backend: .postgres, url: try #require(Backend.postgresAdminURL), postgresName: nil).session()
            try await admin.execute("CREATE ROLE \"\(role)\" LOGIN PASSWORD 'shadow-test' NOCREATEDB")
            for database in [main, shadow] {
                try await admin.execute("ALTER DATABASE \"\(database.postgresName!)\" OWNER TO \"\(role)\"")
            }
            let mainURL = try Self.url(user: role, password: "shadow-test", database: main.postgresName!)
            let shadowURL = try Self.url(user: role, password: "shadow-test", database: shadow.postgresName!)
            // Something an earlier run left in the shadow: emptied before use.
            try await TestDatabase(backend: .postgres, url: shadowURL, postgresName: nil).withSession {
                try await $0.execute("CREATE TABLE leftover (id integer)")
            }
            // The role goes once the databases it owns are gone, also when the test fails.
            func cleanUp() async {
                await shadow.drop()
                await main.drop()
                try? await admin.execute("DROP ROLE IF EXISTS \"\(role)\"")
                await admin.close()
            }
            do {
                try MigrateDevTests.write(MigrateDevTests.schema(.postgres), to: project)
                let refused = try await CLI.run(["migrate", "dev", "--name", "init", "--url", mainURL], in: project.root)
                #expect(refused.status == 1, "\(refused.output)")
                #expect(refused.stderr.contains("CREATEDB"), "\(refused.stderr)")
                #expect(refused.stderr.contains("shadow_url in strata.toml"))
                #expect(!refused.output.contains("shadow-test"), "the password is never printed")

                try Data("[environments.development]\nurl = \"\(mainURL)\"\nshadow_url = \"\(shadowURL)\"\n".utf8)
                    .write(to: project.root.appendingPathComponent("strata.toml"))
                let first = try await CLI.run(["migrate", "dev", "--name", "init"], in: project.root)
                #expect(first.status == 0, "\(first.output)")
                #expect(try await shadow.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").isEmpty,
                        "the shadow is emptied before and after")

                // Prisma's own setting, through .env, once strata.toml names none.
                try Data("[environments.development]\nurl = \"\(mainURL)\"\n".utf8).write(to: project.root.appendingPathComponent("strata.toml"))
                try Data("SHADOW_DATABASE_URL=\(shadowURL)\n".utf8).write(to: project.root.appendingPathComponent(".env"))
                try MigrateDevTests.write(
                    MigrateDevTests.schema(.postgres, bio: true)
                        .replacingOccurrences(of: "url      = env(\"DATABASE_URL\")", with: "url      = env(\"DATABASE_URL\")\n  shadowDatabaseUrl = env(\"SHADOW_DATABASE_URL\")"),
                    to: project)
                let second = try await CLI.run(["migrate", "dev", "--name", "add_bio"], in: project.root)
                #expect(second.status == 0, "\(second.output)")
                #expect(try MigrateDevTests.folders(project).count == 2)
                #expect(try await CLI.run(["migrate", "status"], in: project.root).status == 0)
                let diff = try await CLI.run(["migrate", "diff", "--from", "migrations", "--to", "schema.prisma", "--exit-code"], in: project.root)
                #expect(diff.status == 0, "migrate diff builds the history on the configured shadow too: \(diff.output)")
                #expect(try await shadow.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").isEmpty)
            } catch {
                await cleanUp()
                throw error
            }
            await cleanUp()
        }
    }

    @Test("a shadow that is the database itself, or holds a migration history, is refused before anything is dropped")
    func unsafeShadows() async throws {
        try await withFreshDatabase(.postgres) { project, main in
            try MigrateDevTests.write(MigrateDevTests.schema(.postgres), to: project)
            try Data("[environments.development]\nurl = \"\(main.url)\"\nshadow_url = \"\(main.url)\"\n".utf8)
                .write(to: project.root.appendingPathComponent("strata.toml"))
            let itself = try await CLI.run(["migrate", "dev", "--name", "init"], in: project.root)
            #expect(itself.status == 1, "\(itself.output)")
            #expect(itself.stderr.contains("names the database itself"), "\(itself.stderr)")

            let other = try await TestDatabase.make(.postgres, in: project.root)
            try await other.withSession { try await $0.execute("CREATE TABLE _prisma_migrations (id text); CREATE TABLE keep (id integer)") }
            try Data("[environments.development]\nurl = \"\(main.url)\"\nshadow_url = \"\(other.url)\"\n".utf8)
                .write(to: project.root.appendingPathComponent("strata.toml"))
            let history = try await CLI.run(["migrate", "dev", "--name", "init"], in: project.root)
            #expect(history.status == 1, "\(history.output)")
            #expect(history.stderr.contains("holds a migration history (_prisma_migrations)"), "\(history.stderr)")
            #expect(try await other.tableExists("keep"), "nothing was dropped")
            await other.drop()

            // Objects its user does not own: Strata cannot empty it, and says so.
            let role = "strata_shadow_user_" + UUID().uuidString.lowercased().prefix(8)
            let foreign = try await TestDatabase.make(.postgres, in: project.root)
            try await foreign.withSession { session in
                try await session.execute("CREATE TABLE not_mine (id integer)")
                try await session.execute("CREATE ROLE \"\(role)\" LOGIN PASSWORD 'shadow-test'")
                try await session.execute("ALTER DATABASE \"\(foreign.postgresName!)\" OWNER TO \"\(role)\"")
            }
            let foreignURL = try Self.url(user: role, password: "shadow-test", database: foreign.postgresName!)
            try Data("[environments.development]\nurl = \"\(main.url)\"\nshadow_url = \"\(foreignURL)\"\n".utf8)
                .write(to: project.root.appendingPathComponent("strata.toml"))
            let notOwned = try await CLI.run(["migrate", "dev", "--name", "init"], in: project.root)
            #expect(notOwned.status == 1, "\(notOwned.output)")
            #expect(notOwned.stderr.contains("holds objects its user does not own and cannot drop: not_mine"), "\(notOwned.stderr)")
            await foreign.drop()
            try await main.withSession { try await $0.execute("DROP ROLE IF EXISTS \"\(role)\"") }
        }
    }
}
