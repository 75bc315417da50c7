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
    /// How long a migration statement may wait for a table lock on its first
    /// attempt (PostgreSQL `lock_timeout`), so DDL queued behind a long query
    /// holds up the queries queued behind it for that long at most; each
    /// retry waits twice as long, up to ``maximumStatementLockTimeout`` (or
    /// this value, when it is longer). `nil` waits as long as it takes.
    public var statementLockTimeout: Duration?
    /// How often a migration rolled back for a lock timeout is tried again.
    public var lockRetries: Int
    /// The `strata.toml` environment chosen, if any.
    public var environmentName: String?
    /// The database the migrations are written for, as `strata.toml`'s
    /// `provider` says (`postgresql`, `sqlite`); Prisma's
    /// `migration_lock.toml` says it too. It must match the URL's database,
    /// and gives the dialect to commands that need no database.
    public var provider: String?
    /// The declarative schema `migrate dev` reads when `--schema` is not
    /// given: `strata.toml`'s `schema_file`, relative to the working directory.
    public var schemaFile: String?
    /// The data migrations folder (`strata data run`): `strata.toml`'s
    /// `data_dir`, else `data`.
    public var dataPath = "data"
    /// The seeds folder (`strata db seed`): `strata.toml`'s `seeds_dir`, else `seeds`.
    public var seedsPath = "seeds"
    /// The `[lint]` table of `strata.toml`.
    public var lint = LintConfiguration()
    /// The `[backup]` table of `strata.toml`: backups before destructive
    /// statements, their folder (relative to the working directory) and
    /// `pg_dump`. Built directly, backups go into `.strata/backups` beside
    /// the migrations folder.
    public var backup: BackupConfiguration
    /// A database to use as the shadow (emptied before and after each use)
    /// instead of a temporary one: `shadow_url` in `strata.toml`, else the
    /// Prisma schema's `shadowDatabaseUrl`. For users without `CREATEDB`.
    public var shadowURL: DatabaseURL?
    /// The variables Prisma's `env("...")` reads: the process environment
    /// over `.env` and `prisma/.env`.
    public var variables: [String: String]

    /// The embedded default when nothing is configured.
    public static let defaultURL = "sqlite:strata.db"
    public static let defaultHistoryTable = "_strata_migrations"
    public static let defaultLockTimeout: Duration = .seconds(60)
    public static let defaultStatementLockTimeout: Duration = .milliseconds(500)
    /// Where the statement lock timeout stops growing from retry to retry.
    public static let maximumStatementLockTimeout: Duration = .seconds(4)
    public static let defaultLockRetries = 4

    /// The statement lock timeout of attempt `attempt` (0 for the first):
    /// 0.5 s, 1 s, 2 s, 4 s, 4 s by default.
    public func statementLockTimeout(forAttempt attempt: Int) -> Duration? {
        guard let first = statementLockTimeout else { return nil }
        let grown = first * Double(1 << min(attempt, 16))
        return min(grown, max(first, Self.maximumStatementLockTimeout))
    }

    public init(
        url: DatabaseURL, migrationsPath: String = "migrations", historyTable: String = Configuration.defaultHistoryTable,
        schema: String? = nil, isProduction: Bool = false, lockTimeout: Duration = Configuration.defaultLockTimeout,
        statementLockTimeout: Duration? = Configuration.defaultStatementLockTimeout,
        lockRetries: Int = Configuration.defaultLockRetries,
        urlSource: URLSource = .given, environmentName: String? = nil, provider: String? = nil, shadowURL: DatabaseURL? = nil,
        variables: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.provider = provider
        self.shadowURL = shadowURL
        self.variables = variables
        self.url = url
        self.urlSource = urlSource
        self.migrationsPath = migrationsPath
        let project = (migrationsPath as NSString).deletingLastPathComponent
        self.backup = BackupConfiguration(directory: joinPath(project, BackupConfiguration.defaultDirectory))
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
        /// `key` is `url`, or `direct_url` when that is set.
        case configFile(path: String, environment: String, key: String = "url")
        /// `schema.prisma`'s datasource: `setting` is e.g. `url = env("POSTGRES_PRISMA_URL")`.
        case prismaSchema(path: String, setting: String)
        case embeddedDefault

        public var description: String {
            switch self {
            case .given: "given"
            case .flag: "--url"
            case .environmentVariable(let name): "$\(name)"
            case .configFile(let path, let environment, let key):
                "\(path) [environments.\(environment)]" + (key == "url" ? "" : " \(key)")
            case .prismaSchema(let path, let setting): "\(path) datasource \(setting)"
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
    /// `false` for commands that only touch files (`migrate new`, `migrate
    /// hash`): a URL that does not resolve (a missing variable, a bad URL)
    /// is then no error, the embedded default stands in.
    public var needsDatabase: Bool

    public init(
        url: String? = nil, migrationsPath: String? = nil, environment: String? = nil, configPath: String? = nil,
        lockTimeout: Duration? = nil, statementLockTimeout: Duration?? = nil, needsDatabase: Bool = true
    ) {
        self.needsDatabase = needsDatabase
        self.url = url
        self.migrationsPath = migrationsPath
        self.environment = environment
        self.configPath = configPath
        self.lockTimeout = lockTimeout
        self.statementLockTimeout = statementLockTimeout
    }
}
