import Foundation
import TOMLKit

/// Applies, inspects and rolls back the migrations of one folder on one database.
///
/// Everything the `strata` command does is a call on a `Migrator`, so an app
/// can run its migrations at start-up:
///
/// ```swift
/// import Strata
/// import StrataPostgres
///
/// let configuration = Configuration(url: try DatabaseURL(databaseURL), migrationsPath: "migrations")
/// let migrator = try Migrator(configuration: configuration, drivers: [.postgres])
/// let report = try await migrator.deploy()
/// logger.info("applied \(report.applied.count) migrations")
/// ```
///
/// Every run reads and checks all files (directives, syntax, `strata.sum`)
/// before it touches the database, takes the migration lock so concurrent
/// runners apply each migration once, and records each attempt in the history.
public struct Migrator: Sendable {
    public let configuration: Configuration
    /// The driver chosen for the URL's scheme.
    public let driver: DatabaseDriver

    /// - Throws: ``ConfigurationError`` when no driver opens the URL's scheme.
    public init(configuration: Configuration, drivers: [DatabaseDriver]) throws {
        guard let driver = drivers.first(where: { $0.schemes.contains(configuration.url.scheme) }) else {
            let schemes = drivers.flatMap(\.schemes).sorted().map { "\($0):" }.joined(separator: ", ")
            throw ConfigurationError(
                "no database driver for `\(configuration.url.scheme):` URLs",
                nextStep: "use one of: \(schemes)")
        }
        self.configuration = configuration
        self.driver = driver
    }

    /// The migrations folder.
    public var directory: MigrationDirectory { MigrationDirectory(path: configuration.migrationsPath) }

    /// Reads every migration and checks that Prisma's `migration_lock.toml`,
    /// when present, names this database.
    public func loadMigrations() throws -> [Migration] {
        try checkPrismaProvider()
        return try directory.load()
    }

    /// Compares `strata.sum` with the files. Returns whether the file exists.
    ///
    /// - Throws: ``IntegrityError`` when they disagree.
    @discardableResult
    public func verifySum(_ migrations: [Migration], operation: String) throws -> Bool {
        guard let recorded = try SumFile.read(from: directory.sumFilePath) else { return false }
        let problems = recorded.problems(comparedWith: SumFile(migrations: migrations))
        guard problems.isEmpty else {
            throw IntegrityError(operation: operation, problems: [.sum(problems, path: directory.sumFilePath)])
        }
        return true
    }

    // MARK: - Sessions

    /// Checks the files with `check`, opens a session, runs `body` with both,
    /// and closes the session.
    func withSession<Checked: Sendable, T: Sendable>(
        checking check: () throws -> Checked, readOnly: Bool = false,
        _ body: (Checked, any Database) async throws -> T
    ) async throws -> T {
        try await withSession(checking: check, reading: { _ in }, readOnly: readOnly) { checked, _, session in
            try await body(checked, session)
        }
    }

    /// Checks the files with `check`, opens a session and `read`s from it,
    /// runs `body` with all three, and closes the session.
    ///
    /// `body` starts only once `check` has passed, so bad input changes
    /// nothing; `read` must change nothing either. When the driver can connect
    /// without changing anything (PostgreSQL; not SQLite, whose open creates
    /// the file), connecting and reading overlap the check: round trips, TLS
    /// and authentication cost about as much as reading a thousand
    /// migrations. A check that fails is reported at once, whatever the
    /// connection is doing.
    ///
    /// A `readOnly` run (status, a dry run) does not create a database that
    /// does not exist yet (an SQLite file): it sees an empty one.
    func withSession<Checked: Sendable, Read: Sendable, T: Sendable>(
        checking check: () throws -> Checked,
        reading read: @escaping @Sendable (any Database) async throws -> Read,
        readOnly: Bool = false,
        _ body: (Checked, Read, any Database) async throws -> T
    ) async throws -> T {
        guard driver.connectingChangesNothing else {
            let checked = try check()
            let session = try await openSession(createIfMissing: !readOnly)
            return try await run(body: { try await body(checked, try await read($0), $0) }, on: session)
        }
        let opening = Task {
            let session = try await openSession(createIfMissing: !readOnly)
            do {
                return (session, try await read(session))
            } catch {
                await session.close()
                throw error
            }
        }
        let checked: Checked
        do {
            checked = try check()
        } catch {
            // Report the files now; the session is closed whenever it opens
            // (a server that does not answer would otherwise hold the error back).
            Task { try? await opening.value.0.close() }
            throw error
        }
        let (session, readings) = try await opening.value
        return try await run(body: { try await body(checked, readings, $0) }, on: session)
    }

    private func openSession(createIfMissing: Bool) async throws -> any Database {
        let request = ConnectionRequest(
            url: configuration.url, schema: configuration.schema,
            applicationName: "strata \(RunnerIdentity.current)", createIfMissing: createIfMissing)
        do {
            return try await driver.connect(request)
        } catch let error as DatabaseError {
            throw ConnectionError(target: configuration.url.description, underlying: error)
        }
    }

    /// Runs `body` on `session`, then closes the session whatever happened.
    private func run<T: Sendable>(body: (any Database) async throws -> T, on session: any Database) async throws -> T {
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// Holds the migration lock around `body`; a dry run, which changes
    /// nothing, takes no lock.
    func withMigrationLock<T: Sendable>(
        _ session: any Database, table: TableReference, events: @escaping MigratorEventHandler,
        unlessDryRun dryRun: Bool = false, _ body: () async throws -> T
    ) async throws -> T {
        if dryRun { return try await body() }
        let clock = ContinuousClock()
        let start = clock.now
        let waited = WaitFlag()
        try await session.acquireMigrationLock(for: table, timeout: configuration.lockTimeout) { holder in
            waited.set()
            events(.waitingForLock(holder))
        }
        if waited.isSet { events(.lockAcquired(waited: clock.now - start)) }
        do {
            let result = try await body()
            try await session.releaseMigrationLock()
            return result
        } catch {
            try? await session.releaseMigrationLock()
            throw error
        }
    }

    /// The history table in the session's schema.
    func historyTable(_ session: any Database) -> HistoryTable {
        HistoryTable(reference: TableReference(schema: session.schema, name: configuration.historyTable), dialect: session.dialect)
    }

    /// The statements that create the history table (and its schema) when it
    /// does not exist, and import Prisma's history when that is what was read.
    func historySetup(_ table: HistoryTable, reader: HistoryReader, history: History) async throws -> [String] {
        var statements: [String] = []
        if history.source == .strata { return statements }
        if try await !reader.strataTableExists() {
            let dialect = table.dialect
            if dialect.supportsSchemas, let schema = table.reference.schema, try await !reader.session.schemaExists(schema) {
                statements.append("CREATE SCHEMA \(dialect.quoteIdentifier(schema))")
            }
            statements += table.createStatements
        }
        if history.source == .prisma {
            statements.append(table.importPrisma(from: reader.prismaTable))
        }
        return statements
    }

    /// Runs setup statements, reporting what they did.
    func runSetup(
        _ statements: [String], table: HistoryTable, history: History, session: any Database,
        events: MigratorEventHandler
    ) async throws {
        for statement in statements {
            do {
                try await session.execute(statement)
            } catch let error as DatabaseError {
                throw HistoryWriteError(table: table.reference, statement: statement, underlying: error)
            }
        }
        if statements.contains(where: { $0.hasPrefix("CREATE TABLE") }) { events(.createdHistoryTable(table.reference)) }
        if history.source == .prisma { events(.importedPrismaHistory(count: history.records.count)) }
    }

    private func checkPrismaProvider() throws {
        let path = directory.prismaLockFilePath
        guard FileManager.default.fileExists(atPath: path) else { return }
        guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self),
              let table = try? TOMLTable(string: text)
        else {
            throw MigrationFileError(path: path, problem: "cannot be read as TOML", nextStep: "fix it, or delete it (only Prisma uses it)")
        }
        guard let provider = table["provider"]?.string else { return }
        guard driver.prismaProviders.contains(provider) else {
            throw ConfigurationError(
                "\(path) says these migrations are for `\(provider)`, but the database URL is \(driver.name) (\(configuration.url))",
                nextStep: "point --url (or DATABASE_URL) at a \(provider) database, or --dir at the migrations written for \(driver.name)")
        }
    }
}

/// A flag set from the lock's wait callback.
private final class WaitFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
