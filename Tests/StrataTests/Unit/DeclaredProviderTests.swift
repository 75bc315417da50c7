import Foundation
@testable import Strata
import StrataPostgres
import StrataSQLite
import Testing

extension Unit {
    /// The database a project's migrations are written for: from the URL, or
    /// declared (`provider` in strata.toml or Prisma's migration_lock.toml)
    /// for the commands that need no database.
    @Suite("Declared provider")
    struct DeclaredProviderTests {
        func filesMigrator(_ folder: ScratchFolder, environment: [String: String] = [:]) throws -> Migrator {
            let configuration = try Configuration.resolve(
                ConfigurationOverrides(needsDatabase: false), environment: environment, workingDirectory: folder.path)
            return try Migrator(filesOf: configuration, drivers: [.postgres, .sqlite])
        }

        @Test("without a database, strata.toml's provider gives the dialect, even when the URL does not resolve")
        func providerWithoutDatabase() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", """
                provider = "postgresql"

                [environments.development]
                url = "${DATABASE_URL}"
                """)
            let migrator = try filesMigrator(folder)
            #expect(migrator.driver.name == "PostgreSQL")
            #expect(migrator.driver.dialect.quoteIdentifier("a\"b") == "\"a\"\"b\"")
        }

        @Test("without strata.toml's provider, Prisma's migration_lock.toml gives it")
        func prismaLockFile() throws {
            let folder = try ScratchFolder()
            try folder.makeFolder("prisma/migrations")
            // Paths as resolve makes them are relative to the working directory; this test's is elsewhere.
            let configuration = Configuration(
                url: try DatabaseURL(Configuration.defaultURL), migrationsPath: folder.path("prisma/migrations"),
                urlSource: .embeddedDefault)
            func driver() throws -> String { try Migrator(filesOf: configuration, drivers: [.postgres, .sqlite]).driver.name }
            try folder.write("prisma/migrations/migration_lock.toml", "provider = \"postgresql\"\n")
            #expect(try driver() == "PostgreSQL")
            try folder.write("prisma/migrations/migration_lock.toml", "provider = \"sqlite\"\n")
            #expect(try driver() == "SQLite")
        }

        @Test("a URL that resolves wins; nothing declared is the embedded SQLite default")
        func urlWins() throws {
            let folder = try ScratchFolder()
            #expect(try filesMigrator(folder).driver.name == "SQLite")
            try folder.write("strata.toml", "provider = \"sqlite\"\n")
            let fromURL = try filesMigrator(folder, environment: ["DATABASE_URL": "postgres://db.internal/app"])
            #expect(fromURL.driver.name == "PostgreSQL")
        }

        @Test("a provider no driver knows is an error naming the known ones")
        func unknownProvider() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "provider = \"postgress\"\n")
            let error = #expect(throws: ConfigurationError.self) { try filesMigrator(folder) }
            #expect(error?.summary.contains("provider `postgress` is not a database Strata knows") == true)
            #expect(error?.nextStep?.contains("\"postgresql\"") == true)
        }

        @Test("with a database, strata.toml's provider must match the URL's")
        func providerMustMatchURL() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "provider = \"postgresql\"\n\n[environments.development]\nurl = \"sqlite:dev.db\"\n")
            let configuration = try Configuration.resolve(ConfigurationOverrides(), environment: [:], workingDirectory: folder.path)
            #expect(configuration.provider == "postgresql")
            let error = #expect(throws: ConfigurationError.self) {
                try Migrator(configuration: configuration, drivers: [.postgres, .sqlite])
            }
            #expect(error?.summary.contains("strata.toml says these migrations are for `postgresql`, but the database URL is SQLite") == true)
        }

        @Test("provider must be a string, and only provider and environments sit at the top level")
        func badTopLevel() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "provider = 1\n")
            #expect(throws: ConfigurationError.self) {
                try Configuration.resolve(ConfigurationOverrides(), environment: [:], workingDirectory: folder.path)
            }
            try folder.write("strata.toml", "dialect = \"postgresql\"\n")
            let error = #expect(throws: ConfigurationError.self) {
                try Configuration.resolve(ConfigurationOverrides(), environment: [:], workingDirectory: folder.path)
            }
            #expect(error?.nextStep?.contains("provider") == true)
        }
    }
}
