import Foundation

/// Everything a ``Migrator`` needs to know: where the database is, where the
/// migrations are, and how careful to be.
///
/// Apps usually build one directly:
///
/// ```swift
/// let configuration = try Configuration(url: DatabaseURL(Environment.get("DATABASE_URL")!),
///                                       migrationsPath: "migrations")
/// ```
///
/// The CLI resolves one from flags, the environment and `strata.toml` with
/// ``resolve(_:environment:workingDirectory:)``.
public struct Configuration: Sendable {
    /// The database.
    public var url: DatabaseURL
    /// Where `url` came from, for `status` to show.
    public var urlSource: URLSource
    /// The migrations folder.
    public var migrationsPath: String
    /// The history table's name.
    public var historyTable: String
    /// The schema to migrate and keep the history table in (PostgreSQL);
    /// `nil` takes the URL's `schema` / `search_path`, else the server's default.
    public var schema: String?
    /// Whether this is a production environment: `migrate reset` refuses to run.
    public var isProduction: Bool
    /// How long to wait for another runner's migration lock.
    public var lockTimeout: Duration
    /// How long a migration statement may wait for a table lock before it
    /// gives up (PostgreSQL `lock_timeout`), so DDL queued behind a long query
    /// does not block every query behind it; `nil` waits as long as it takes.
    public var statementLockTimeout: Duration?
    /// How often a migration rolled back for a lock timeout is tried again.
    public var lockRetries: Int
    /// The `strata.toml` environment chosen, if any.
    public var environmentName: String?

    /// The embedded default when nothing is configured.
    public static let defaultURL = "sqlite:strata.db"
    public static let defaultHistoryTable = "_strata_migrations"
    public static let defaultLockTimeout: Duration = .seconds(60)
    public static let defaultStatementLockTimeout: Duration = .seconds(10)
    public static let defaultLockRetries = 3

    public init(
        url: DatabaseURL, migrationsPath: String = "migrations", historyTable: String = Configuration.defaultHistoryTable,
        schema: String? = nil, isProduction: Bool = false, lockTimeout: Duration = Configuration.defaultLockTimeout,
        statementLockTimeout: Duration? = Configuration.defaultStatementLockTimeout,
        lockRetries: Int = Configuration.defaultLockRetries,
        urlSource: URLSource = .given, environmentName: String? = nil
    ) {
        self.url = url
        self.urlSource = urlSource
        self.migrationsPath = migrationsPath
        self.historyTable = historyTable
        self.schema = schema
        self.isProduction = isProduction
        self.lockTimeout = lockTimeout
        self.statementLockTimeout = statementLockTimeout
        self.lockRetries = lockRetries
        self.environmentName = environmentName
    }

    /// Where the database URL came from.
    public enum URLSource: Sendable, Equatable, CustomStringConvertible {
        case given
        case flag
        case environmentVariable(String)
        case configFile(path: String, environment: String)
        case embeddedDefault

        public var description: String {
            switch self {
            case .given: "given"
            case .flag: "--url"
            case .environmentVariable(let name): "$\(name)"
            case .configFile(let path, let environment): "\(path) [environments.\(environment)]"
            case .embeddedDefault: "the embedded default"
            }
        }
    }
}

/// What the command line says, before the environment and `strata.toml` fill the gaps.
public struct ConfigurationOverrides: Sendable {
    public var url: String?
    public var migrationsPath: String?
    public var environment: String?
    public var configPath: String?
    public var lockTimeout: Duration?
    /// `.some(nil)` turns the statement lock timeout off.
    public var statementLockTimeout: Duration??

    public init(
        url: String? = nil, migrationsPath: String? = nil, environment: String? = nil, configPath: String? = nil,
        lockTimeout: Duration? = nil, statementLockTimeout: Duration?? = nil
    ) {
        self.url = url
        self.migrationsPath = migrationsPath
        self.environment = environment
        self.configPath = configPath
        self.lockTimeout = lockTimeout
        self.statementLockTimeout = statementLockTimeout
    }
}
