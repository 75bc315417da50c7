import ArgumentParser
import Strata
import StrataPostgres
import StrataSQLite

/// Where the database and the migrations are: shared by every command.
struct GlobalOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Database URL; wins over DATABASE_URL and strata.toml.", valueName: "url"))
    var url: String?

    @Option(help: ArgumentHelp("Migrations folder (default: migrations, else prisma/migrations).", valueName: "path"))
    var dir: String?

    @Option(name: .customLong("env"), help: ArgumentHelp("Environment of strata.toml to use (default: $STRATA_ENV, else development).", valueName: "name"))
    var environment: String?

    @Option(help: ArgumentHelp("Path to strata.toml.", valueName: "path"))
    var config: String?

    /// Resolves the configuration, and tells the console which secrets to mask.
    func configuration(_ lock: LockOptions? = nil) throws -> Configuration {
        let configuration = try Configuration.resolve(ConfigurationOverrides(
            url: url, migrationsPath: dir, environment: environment, configPath: config,
            lockTimeout: try lock?.lockTimeout, statementLockTimeout: try lock?.statementLockTimeout))
        Console.shared.mask(configuration.url)
        return configuration
    }

    /// A migrator for the configured database, with every driver this binary has.
    func migrator(_ lock: LockOptions? = nil) throws -> Migrator {
        try Migrator(configuration: configuration(lock), drivers: [.postgres, .sqlite])
    }

    /// A migrator of the files alone (`new`, `hash`): no database URL needs to resolve.
    func filesMigrator() throws -> Migrator {
        try Migrator(filesOf: filesConfiguration(), drivers: [.postgres, .sqlite])
    }

    /// The configuration of a command that may need no database, its URL's secrets masked.
    func filesConfiguration() throws -> Configuration {
        let configuration = try Configuration.resolve(ConfigurationOverrides(
            url: url, migrationsPath: dir, environment: environment, configPath: config, needsDatabase: false))
        Console.shared.mask(configuration.url)
        return configuration
    }
}

/// `--lock-timeout` for commands that take the migration lock.
struct LockOptions: ParsableArguments {
    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp(
        "How long to wait for another runner's lock: seconds, or 500ms, 90s, 2m (default 60s).", valueName: "duration"))
    var lockTimeoutText: String?

    @Option(name: .customLong("statement-lock-timeout"), help: ArgumentHelp(
        "How long a migration statement may first wait for a table lock before the migration is rolled back and retried, doubling with each retry up to 4s (default 500ms; 0 waits forever).",
        valueName: "duration"))
    var statementLockTimeoutText: String?

    var lockTimeout: Duration? {
        get throws { try Self.parse(lockTimeoutText, option: "--lock-timeout") }
    }

    var statementLockTimeout: Duration?? {
        get throws {
            guard let limit = try Self.parse(statementLockTimeoutText, option: "--statement-lock-timeout") else { return nil }
            return .some(limit == .zero ? nil : limit)
        }
    }

    private static func parse(_ text: String?, option: String) throws -> Duration? {
        guard let text else { return nil }
        guard let duration = DurationText.parse(text) else {
            throw ValidationError("\(option) takes seconds or a duration such as 500ms, 90s or 2m")
        }
        return duration
    }
}

/// `--json`.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print the result as JSON.")
    var json = false
}
