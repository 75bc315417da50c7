/// Opens databases of one product: the factory a database module exports.
///
/// ```swift
/// import Strata
/// import StrataPostgres
/// import StrataSQLite
///
/// let migrator = try Migrator(configuration: configuration, drivers: [.postgres, .sqlite])
/// ```
public struct DatabaseDriver: Sendable {
    /// The product, e.g. `PostgreSQL`.
    public var name: String
    /// URL schemes this driver opens, e.g. `postgres` and `postgresql`.
    public var schemes: Set<String>
    /// Names Prisma writes as `provider` in `migration_lock.toml` for this product.
    public var prismaProviders: Set<String>
    /// The dialect, available before connecting (to split and check scripts).
    public var dialect: any Dialect
    /// Whether opening a session leaves the database as it was. PostgreSQL's
    /// does; SQLite's creates the file. Strata overlaps connecting with
    /// checking the migration files only when it does.
    public var connectingChangesNothing: Bool
    /// Writes schema changes as this product's SQL (`migrate dev`, `migrate diff`).
    public var schemaRenderer: (any SchemaRenderer)?
    /// Writes zero-downtime recipes (`migrate new --recipe`) in this product's SQL.
    public var recipeWriter: (any RecipeWriting)?
    /// Makes a scratch database next to the requested one (``withShadowDatabase(near:_:)``).
    public var openShadow: (@Sendable (ConnectionRequest) async throws -> ShadowDatabase)?
    /// Keeps replayed shadows for the next run (``ShadowSnapshots``).
    public var shadowSnapshots: ShadowSnapshots?
    /// Creates the requested database when the server has none by that
    /// name, and says whether it did (`migrate dev`); `nil` where opening a
    /// session creates it anyway (SQLite).
    public var createDatabase: (@Sendable (ConnectionRequest) async throws -> Bool)?
    /// Opens a session.
    public var connect: @Sendable (ConnectionRequest) async throws -> any Database

    public init(
        name: String, schemes: Set<String>, prismaProviders: Set<String>, dialect: any Dialect,
        connectingChangesNothing: Bool = false, schemaRenderer: (any SchemaRenderer)? = nil,
        recipeWriter: (any RecipeWriting)? = nil,
        openShadow: (@Sendable (ConnectionRequest) async throws -> ShadowDatabase)? = nil,
        shadowSnapshots: ShadowSnapshots? = nil,
        createDatabase: (@Sendable (ConnectionRequest) async throws -> Bool)? = nil,
        connect: @escaping @Sendable (ConnectionRequest) async throws -> any Database
    ) {
        self.name = name
        self.schemes = schemes
        self.prismaProviders = prismaProviders
        self.dialect = dialect
        self.connectingChangesNothing = connectingChangesNothing
        self.schemaRenderer = schemaRenderer
        self.recipeWriter = recipeWriter
        self.openShadow = openShadow
        self.shadowSnapshots = shadowSnapshots
        self.createDatabase = createDatabase
        self.connect = connect
    }
}

/// What a driver needs to open a session.
public struct ConnectionRequest: Sendable {
    /// Where to connect.
    public var url: DatabaseURL
    /// The schema to target when the configuration names one; else the URL's or the database's default.
    public var schema: String?
    /// How the session introduces itself to the server (`application_name` on PostgreSQL).
    public var applicationName: String
    /// How long to wait for the connection.
    public var connectTimeout: Duration
    /// What opening does when the database does not exist yet (an SQLite file).
    public var whenMissing: WhenMissing

    /// What opening a database that does not exist does.
    public enum WhenMissing: Sendable {
        /// Create it: runs that write.
        case create
        /// See an empty database and leave nothing behind: runs that change nothing.
        case readAsEmpty
        /// Fail: reading a database as a schema source, where a missing one is a wrong path.
        case fail
    }

    public init(
        url: DatabaseURL, schema: String?, applicationName: String, connectTimeout: Duration = .seconds(10),
        whenMissing: WhenMissing = .create
    ) {
        self.url = url
        self.schema = schema
        self.applicationName = applicationName
        self.connectTimeout = connectTimeout
        self.whenMissing = whenMissing
    }
}
