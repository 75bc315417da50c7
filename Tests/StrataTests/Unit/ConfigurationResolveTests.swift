import Foundation
@testable import Strata
import Testing

extension Unit {
    /// `Configuration.resolve`: where the URL, environment and folder come from.
    @Suite("Configuration.resolve")
    struct ConfigurationResolveTests {
        static let twoEnvironments = """
            [environments.development]
            url = "sqlite:dev.db"

            [environments.production]
            url = "postgres://deploy@db.internal/app"
            production = true
            """

        func resolve(
            _ folder: ScratchFolder, _ overrides: ConfigurationOverrides = .init(), environment: [String: String] = [:]
        ) throws -> Configuration {
            try Configuration.resolve(overrides, environment: environment, workingDirectory: folder.path)
        }

        @Test("schema_file in strata.toml is read relative to the file; a non-string is an error")
        func schemaFile() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "schema_file = \"db/schema.prisma\"\n" + Self.twoEnvironments)
            #expect(try resolve(folder).schemaFile == "db/schema.prisma")
            try folder.write("strata.toml", "schema_file = 3\n")
            #expect(throws: ConfigurationError.self) { try resolve(folder) }
        }

        static func prismaSchema(provider: String = "postgresql", url: String, directURL: String? = nil) -> String {
            "datasource db {\n  provider = \"\(provider)\"\n  url = \(url)\n" + (directURL.map { "  directUrl = \($0)\n" } ?? "") + "}\n"
        }

        @Test("schema.prisma's datasource names the variable: directUrl's, else url's, over DATABASE_URL")
        func prismaDatasourceVariable() throws {
            let folder = try ScratchFolder()
            try folder.write("prisma/schema.prisma", Self.prismaSchema(url: #"env("POSTGRES_PRISMA_URL")"#, directURL: #"env("POSTGRES_URL_NON_POOLING")"#))
            let pooled = try resolve(folder, environment: ["POSTGRES_PRISMA_URL": "postgres://app@pooler/app", "DATABASE_URL": "sqlite:other.db"])
            #expect(pooled.url.host == "pooler")
            #expect(pooled.urlSource == .prismaSchema(path: "prisma/schema.prisma", setting: #"url = env("POSTGRES_PRISMA_URL")"#))
            let direct = try resolve(folder, environment: ["POSTGRES_PRISMA_URL": "postgres://app@pooler/app", "POSTGRES_URL_NON_POOLING": "postgres://app@db/app"])
            #expect(direct.url.host == "db")
            // Unset, DATABASE_URL still answers; with neither, a PostgreSQL datasource is an error, not the SQLite default.
            #expect(try resolve(folder, environment: ["DATABASE_URL": "sqlite:env.db"]).url.path == "env.db")
            #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(try resolve(folder, .init(needsDatabase: false)).urlSource == .embeddedDefault)
        }

        @Test("a URL written in the datasource is used when nothing else names a database; strata.toml wins over it")
        func prismaDatasourceLiteral() throws {
            let folder = try ScratchFolder()
            try folder.write("schema.prisma", Self.prismaSchema(provider: "sqlite", url: #""file:./dev.db""#))
            let literal = try resolve(folder)
            #expect(literal.url.scheme == "file" && ["dev.db", "./dev.db"].contains(literal.url.path), "\(literal.url.path)")
            #expect(literal.urlSource == .prismaSchema(path: "schema.prisma", setting: "url"))
            try folder.write("strata.toml", Self.twoEnvironments)
            #expect(try resolve(folder).url.path == "dev.db" && resolve(folder).urlSource != literal.urlSource)
        }

        // MARK: The URL

        @Test("--url wins over DATABASE_URL and strata.toml")
        func flagWins() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", Self.twoEnvironments)
            let configuration = try resolve(
                folder, .init(url: "sqlite:flag.db"), environment: ["DATABASE_URL": "sqlite:env.db"])
            #expect(configuration.url.path == "flag.db")
            #expect(configuration.urlSource == .flag)
        }

        @Test("DATABASE_URL wins over strata.toml")
        func environmentVariableWins() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", Self.twoEnvironments)
            let configuration = try resolve(folder, environment: ["DATABASE_URL": "sqlite:env.db"])
            #expect(configuration.url.path == "env.db")
            #expect(configuration.urlSource == .environmentVariable("DATABASE_URL"))
        }

        @Test("strata.toml's url is used when nothing overrides it; an empty DATABASE_URL counts as unset")
        func configFile() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", Self.twoEnvironments)
            let configuration = try resolve(folder, environment: ["DATABASE_URL": ""])
            #expect(configuration.url.path == "dev.db")
            #expect(configuration.urlSource == .configFile(path: folder.path("strata.toml"), environment: "development"))
            #expect(configuration.environmentName == "development")
        }

        @Test("an environment chosen by name brings its own URL, over DATABASE_URL; the default one yields to it")
        func chosenEnvironmentWins() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", Self.twoEnvironments)
            let variables = ["DATABASE_URL": "postgres://app@prod-db/proddb"]
            let flagged = try resolve(folder, .init(environment: "development"), environment: variables)
            #expect(flagged.url.path == "dev.db")
            #expect(flagged.urlSource == .configFile(path: folder.path("strata.toml"), environment: "development"))
            let named = try resolve(folder, environment: variables.merging(["STRATA_ENV": "production"]) { $1 })
            #expect(named.url.host == "db.internal")
            #expect(named.isProduction)
            let byDefault = try resolve(folder, environment: variables)
            #expect(byDefault.url.host == "prod-db")
            #expect(byDefault.urlSource == .environmentVariable("DATABASE_URL"))
        }

        @Test("a relative SQLite file in strata.toml lies beside strata.toml, like dir")
        func sqliteBesideConfig() throws {
            let folder = try ScratchFolder()
            try folder.write("app/strata.toml", Self.twoEnvironments)
            let configuration = try resolve(folder, .init(configPath: folder.path("app/strata.toml")))
            #expect(configuration.url.path == "app/dev.db")
            let inPlace = try resolve(folder, .init(url: "sqlite:dev.db", configPath: folder.path("app/strata.toml")))
            #expect(inPlace.url.path == "dev.db", "a --url is the user's own, relative to where they are")
        }

        @Test("Prisma's file:./dev.db is SQLite, relative to the folder of schema.prisma (beside migrations)")
        func prismaFileURL() throws {
            let folder = try ScratchFolder()
            try folder.write("prisma/migrations/20240101000000_init/migration.sql", "CREATE TABLE a (id INTEGER);")
            let configuration = try resolve(folder, environment: ["DATABASE_URL": "file:./dev.db"])
            #expect(configuration.url.path == "prisma/dev.db")
            #expect(configuration.url.isSQLiteFile)
            let absolute = try resolve(folder, environment: ["DATABASE_URL": "file:/tmp/abs.db"])
            #expect(absolute.url.path == "/tmp/abs.db")
        }

        @Test("a direct URL wins over the pooled one it pairs with: direct_url over url, DIRECT_URL over DATABASE_URL")
        func directURL() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", """
                [environments.production]
                url = "postgres://app@pooler:6432/app"
                direct_url = "postgres://app@db:5432/app"
                """)
            let fromFile = try resolve(folder)
            #expect(fromFile.url.host == "db")
            #expect(fromFile.urlSource == .configFile(path: folder.path("strata.toml"), environment: "production", key: "direct_url"))
            #expect(fromFile.urlSource.description.hasSuffix("[environments.production] direct_url"))

            let prisma = try resolve(folder, environment: [
                "DATABASE_URL": "postgres://app@pooler:6432/app?pgbouncer=true", "DIRECT_URL": "postgres://app@db:5432/app",
            ])
            #expect(prisma.url.host == "db")
            #expect(prisma.urlSource == .environmentVariable("DIRECT_URL"))
            // DIRECT_URL alone is no database URL.
            #expect(try resolve(ScratchFolder(), environment: ["DIRECT_URL": "postgres://app@db/app"]).urlSource == .embeddedDefault)
            #expect(try resolve(folder, .init(url: "sqlite:flag.db"), environment: ["DIRECT_URL": "postgres://db/x"]).urlSource == .flag)
        }

        @Test("without flag, variable or strata.toml the URL is sqlite:strata.db")
        func embeddedDefault() throws {
            let folder = try ScratchFolder()
            let configuration = try resolve(folder)
            let expected = try DatabaseURL("sqlite:strata.db")
            #expect(configuration.url == expected)
            #expect(configuration.urlSource == .embeddedDefault)
            #expect(configuration.environmentName == nil)
            #expect(configuration.migrationsPath == "migrations")
            #expect(configuration.historyTable == Configuration.defaultHistoryTable)
            #expect(configuration.lockTimeout == .seconds(60))
        }

        @Test("a bad URL in strata.toml is a ConfigurationError that does not show the password")
        func badURLHidesPassword() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", """
                [environments.development]
                url = "postgres://deploy:Sup3rS3cret@db:99999/app"
                """)
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(error.map { !String(describing: $0).contains("Sup3rS3cret") } == true)
        }

        // MARK: The environment

        @Test("development is chosen when present and nothing is asked for")
        func developmentByDefault() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", Self.twoEnvironments)
            let configuration = try resolve(folder)
            #expect(configuration.environmentName == "development")
            #expect(!configuration.isProduction)
        }

        @Test("STRATA_ENV chooses the environment; --env wins over it")
        func environmentChoice() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", Self.twoEnvironments + "\n\n[environments.staging]\nurl = \"sqlite:staging.db\"\n")
            let byVariable = try resolve(folder, environment: ["STRATA_ENV": "production"])
            #expect(byVariable.environmentName == "production")
            #expect(byVariable.isProduction)
            #expect(byVariable.url.host == "db.internal")
            let byFlag = try resolve(folder, .init(environment: "staging"), environment: ["STRATA_ENV": "production"])
            #expect(byFlag.environmentName == "staging")
            #expect(byFlag.url.path == "staging.db")
        }

        @Test("a file with a single environment uses it")
        func singleEnvironment() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.staging]\nurl = \"sqlite:staging.db\"\n")
            let configuration = try resolve(folder)
            #expect(configuration.environmentName == "staging")
            #expect(configuration.url.path == "staging.db")
        }

        @Test("several environments without development and no choice is an error listing them")
        func ambiguous() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.staging]\nurl = \"sqlite:s.db\"\n[environments.production]\nurl = \"sqlite:p.db\"\n")
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(error?.summary.contains("several environments") == true)
            #expect(error?.nextStep?.contains("production, staging") == true)
        }

        @Test("an unknown environment is an error naming the choices")
        func unknownEnvironment() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", Self.twoEnvironments)
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder, .init(environment: "qa")) }
            #expect(error?.summary.contains("`qa`") == true)
            #expect(error?.nextStep?.contains("development, production") == true)
        }

        @Test("asking for an environment without strata.toml is an error")
        func environmentWithoutFile() throws {
            let folder = try ScratchFolder()
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder, environment: ["STRATA_ENV": "production"]) }
            #expect(error?.summary.contains("no strata.toml") == true)
        }

        @Test("--config naming a missing file is an error")
        func missingConfigFile() throws {
            let folder = try ScratchFolder()
            #expect(throws: ConfigurationError.self) { try resolve(folder, .init(configPath: folder.path("nope.toml"))) }
        }

        // MARK: Variables

        @Test("${VAR} and ${VAR:-default} are expanded in strata.toml values")
        func interpolation() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", """
                [environments.production]
                url = "postgres://${DB_USER}:${DB_PASSWORD}@${DB_HOST:-localhost}:${DB_PORT:-5432}/app"
                schema = "${SCHEMA:-public}"
                history_table = "${TABLE}"
                """)
            let configuration = try resolve(folder, environment: [
                "DB_USER": "deploy", "DB_PASSWORD": "p@ss", "DB_PORT": "6000", "TABLE": "_history",
            ])
            #expect(configuration.url.user == "deploy")
            #expect(configuration.url.password == "p@ss")
            #expect(configuration.url.host == "localhost")
            #expect(configuration.url.port == 6000)
            #expect(configuration.schema == "public")
            #expect(configuration.historyTable == "_history")
        }

        @Test("an unset variable is an error naming the variable and the setting")
        func missingVariable() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.production]\nurl = \"postgres://${DB_HOST}/app\"\n")
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(error?.summary.contains("${DB_HOST}") == true)
            #expect(error?.summary.contains("environments.production.url") == true)
            #expect(error?.nextStep?.contains("DB_HOST") == true)
        }

        @Test("an unset variable in the url does not matter when DATABASE_URL replaces it")
        func unusedURLVariable() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.production]\nurl = \"postgres://${DB_HOST}/app\"\n")
            let configuration = try resolve(folder, environment: ["DATABASE_URL": "sqlite:x.db"])
            #expect(configuration.url.path == "x.db")
        }

        @Test(".env beside strata.toml supplies variables; the process environment wins")
        func dotEnv() throws {
            let folder = try ScratchFolder()
            try folder.write("config/strata.toml", "[environments.development]\nurl = \"sqlite:${DB_FILE}\"\nschema = \"${SCHEMA}\"\n")
            try folder.write("config/.env", "DB_FILE=from-dotenv.db\nSCHEMA=dotenv_schema\n")
            let configuration = try resolve(
                folder, .init(configPath: folder.path("config/strata.toml")), environment: ["SCHEMA": "process_schema"])
            #expect(configuration.url.path == "config/from-dotenv.db", "beside strata.toml, like dir")
            #expect(configuration.schema == "process_schema")
            #expect(configuration.migrationsPath == "config/migrations")
        }

        @Test(".env in the working directory can set DATABASE_URL and STRATA_ENV")
        func dotEnvWithoutConfig() throws {
            let folder = try ScratchFolder()
            try folder.write(".env", "export DATABASE_URL='sqlite:dotenv.db'\n")
            let configuration = try resolve(folder)
            #expect(configuration.url.path == "dotenv.db")
            #expect(configuration.urlSource == .environmentVariable("DATABASE_URL"))
        }

        @Test("a bad .env line is an error with the file and line")
        func badDotEnv() throws {
            let folder = try ScratchFolder()
            try folder.write(".env", "# comment\nNOT A VARIABLE\n")
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(error?.summary.hasPrefix(folder.path(".env") + ":2:") == true)
        }

        // MARK: Settings

        @Test("unknown settings are refused", arguments: [
            ("url = \"sqlite:a.db\"\n", "unknown setting `url`"),
            ("[environments.development]\nurll = \"sqlite:a.db\"\n", "unknown setting `urll`"),
            ("[environments.development]\nproduction = \"yes\"\n", "must be true or false"),
            ("[environments.development]\nurl = 5\n", "must be a string"),
            ("[environments]\ndevelopment = 1\n", "must be a table"),
            ("[environments.development\n", "strata.toml:"),
        ])
        func unknownKeys(_ toml: String, message: String) throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", toml)
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(error?.summary.contains(message) == true, "\(String(describing: error))")
        }

        @Test("lock_timeout takes seconds or a duration text", arguments: [
            ("30", Duration.seconds(30)), ("\"90s\"", .seconds(90)), ("\"2m\"", .seconds(120)),
            ("\"500ms\"", .milliseconds(500)), ("\"1h\"", .seconds(3600)), ("\"1.5 s\"", .milliseconds(1500)),
        ])
        func lockTimeout(_ value: String, expected: Duration) throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.development]\nlock_timeout = \(value)\n")
            #expect(try resolve(folder).lockTimeout == expected)
            #expect(try resolve(folder, .init(lockTimeout: .seconds(5))).lockTimeout == .seconds(5))
        }

        @Test("a lock_timeout that is not a duration is refused", arguments: ["\"soon\"", "true", "1.5", "\"-3s\""])
        func badLockTimeout(_ value: String) throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.development]\nlock_timeout = \(value)\n")
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(error?.summary.contains("lock_timeout") == true)
        }

        @Test("a negative lock_timeout is refused")
        func negativeLockTimeout() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.development]\nlock_timeout = -5\n")
            let error = #expect(throws: ConfigurationError.self) { try resolve(folder) }
            #expect(error?.summary.contains("lock_timeout") == true)
        }

        // MARK: The migrations folder

        @Test("the folder defaults to migrations, else prisma/migrations when only that exists")
        func defaultFolder() throws {
            let folder = try ScratchFolder()
            #expect(try resolve(folder).migrationsPath == "migrations")
            try folder.makeFolder("prisma/migrations")
            #expect(try resolve(folder).migrationsPath == "prisma/migrations")
            try folder.makeFolder("migrations")
            #expect(try resolve(folder).migrationsPath == "migrations")
        }

        @Test("dir in strata.toml is relative to the file; --dir wins")
        func configuredFolder() throws {
            let folder = try ScratchFolder()
            try folder.write("strata.toml", "[environments.development]\ndir = \"db/migrations\"\n")
            #expect(try resolve(folder).migrationsPath == "db/migrations")
            #expect(try resolve(folder, .init(migrationsPath: "elsewhere")).migrationsPath == "elsewhere")
            try folder.write("strata.toml", "[environments.development]\ndir = \"/srv/app/migrations\"\n")
            #expect(try resolve(folder).migrationsPath == "/srv/app/migrations")
        }
    }
}
