import Foundation

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
    /// Whether Prisma's `migration_lock.toml` must name this driver's
    /// database: not for a migrator of the files alone.
    private let checksProvider: Bool

    /// A migrator for commands that touch only the files (`hash`,
    /// `newMigration`, and those that only read them): it needs no database.
    /// Its driver, and so its dialect, is the configured URL's when one was
    /// configured; else the one `strata.toml`'s `provider` or Prisma's
    /// `migration_lock.toml` names; else the embedded default's.
    ///
    /// - Throws: ``ConfigurationError`` for a provider no driver knows.
    public init(filesOf configuration: Configuration, drivers: [DatabaseDriver]) throws {
        let byURL = drivers.first { $0.schemes.contains(configuration.url.scheme) }
        let declared = try Self.declaredProvider(configuration, directory: MigrationDirectory(path: configuration.migrationsPath))
        let chosen = configuration.urlSource == .embeddedDefault
            ? try declared.map { try Self.driver(for: $0, among: drivers) } ?? byURL : byURL
        guard let driver = chosen ?? drivers.first else {
            throw ConfigurationError("no database driver was given")
        }
        self.configuration = configuration
        self.driver = driver
        self.checksProvider = false
    }

    /// - Throws: ``ConfigurationError`` when no driver opens the URL's scheme,
    ///   or `strata.toml`'s `provider` names another database.
    /// A migrator of the files alone for a database named outright (`strata lint --dialect sqlite`).
    public init(filesOf configuration: Configuration, driver: DatabaseDriver) {
        self.configuration = configuration
        self.driver = driver
        self.checksProvider = false
    }

    public init(configuration: Configuration, drivers: [DatabaseDriver]) throws {
        guard let driver = drivers.first(where: { $0.schemes.contains(configuration.url.scheme) }) else {
            let schemes = drivers.flatMap(\.schemes).sorted().map { "\($0):" }.joined(separator: ", ")
            throw ConfigurationError(
                "no database driver for `\(configuration.url.scheme):` URLs",
                nextStep: "use one of: \(schemes)")
        }
        if let provider = configuration.provider {
            let declared = DeclaredProvider(name: provider, source: "strata.toml")
            // A name no driver knows is reported as such, not as another database.
            _ = try Self.driver(for: declared, among: drivers)
            try Self.check(declared, matches: driver, url: configuration.url)
        }
        self.configuration = configuration
        self.driver = driver
        self.checksProvider = true
    }

    /// The migrations folder.
    public var directory: MigrationDirectory { MigrationDirectory(path: configuration.migrationsPath) }

    /// Reads every migration and checks that Prisma's `migration_lock.toml`,
    /// when present, names this database.
    public func loadMigrations() throws -> [Migration] {
        if checksProvider { try checkPrismaProvider() }
        return try directory.load()
    }

    /// Compares `strata.sum` with the files. Returns whether the file exists.
    ///
    /// - Throws: ``IntegrityError`` when they disagree.
    @discardableResult
    public func verifySum(_ migrations: [Migration], operation: String) throws -> Bool {
        try verifySum(migrations, operation: operation, acceptingWorkInProgress: false).exists
    }

    /// The outcome of comparing `strata.sum` with the files.
    struct SumCheck: Sendable {
        /// Whether `strata.sum` exists.
        var exists: Bool
        /// Migrations being written: new or changed since `strata.sum`, all
        /// after every unchanged one (see ``workInProgress(_:recorded:)``).
        var workInProgress: [String] = []
        /// How `strata.sum` disagrees, when it does only by work in progress.
        var problems: [SumProblem] = []
    }

    /// Compares `strata.sum` with the files; with `acceptingWorkInProgress`,
    /// differences that are only the migrations being written pass and are
    /// returned, for the caller to check against the history and re-hash.
    func verifySum(_ migrations: [Migration], operation: String, acceptingWorkInProgress: Bool) throws -> SumCheck {
        guard let recorded = try SumFile.read(from: directory.sumFilePath) else { return SumCheck(exists: false) }
        let problems = recorded.problems(comparedWith: SumFile(migrations: migrations))
        guard !problems.isEmpty else { return SumCheck(exists: true) }
        if acceptingWorkInProgress, let names = workInProgress(problems, recorded: recorded) {
            return SumCheck(exists: true, workInProgress: names, problems: problems)
        }
        throw IntegrityError(operation: operation, problems: [.sum(problems, path: directory.sumFilePath)])
    }

    /// The migrations being written, when every way `strata.sum` disagrees
    /// is a new or changed migration sorting after every migration it records
    /// unchanged, outside CI (`CI=true`) and production: the tail of the
    /// folder someone is working on. `nil` for anything else: a removed or
    /// reordered migration, a merge that puts one before others, a sum edited
    /// by hand.
    func workInProgress(_ problems: [SumProblem], recorded: SumFile) -> [String]? {
        guard !configuration.isProduction, ProcessInfo.processInfo.environment["CI"] != "true" else { return nil }
        var names: [String] = []
        for problem in problems {
            switch problem {
            case .changed(let name), .notRecorded(let name): names.append(name)
            case .removed, .totalMismatch: return nil
            }
        }
        let unchanged = recorded.entries.map(\.name).filter { !names.contains($0) }
        guard let last = unchanged.max(by: Migration.precedes) else { return names }
        return names.allSatisfy { Migration.precedes(last, $0) } ? names : nil
    }

    /// Records work in progress in `strata.sum` (when `write`) once the
    /// history shows none of it ever run; one that ran stays the refusal it was.
    func acceptWorkInProgress(
        _ sum: SumCheck, history: History, operation: String, write: Bool, events: MigratorEventHandler
    ) throws {
        let names = sum.workInProgress
        guard !names.isEmpty else { return }
        // In effect here: applied, running, or failed leaving effects. Rolled
        // back (by down or by hand, then resolved) or failed leaving nothing,
        // it is being written again.
        let touched = Set(history.latestByName.values.filter(\.leavesEffects).map(\.name))
        guard names.allSatisfy({ !touched.contains($0) }) else {
            throw IntegrityError(operation: operation, problems: [.sum(sum.problems, path: directory.sumFilePath)])
        }
        let list = names.joined(separator: ", ")
        if write {
            try hash()
            events(.warning("strata.sum updated for \(list): new or changed, and applied nowhere yet"))
        } else {
            events(.warning("strata.sum does not list the changes to \(list) yet (applied nowhere): deploy or `strata migrate hash` records them"))
        }
    }

    private func checkPrismaProvider() throws {
        guard let declared = try Self.prismaProvider(in: directory) else { return }
        try Self.check(declared, matches: driver, url: configuration.url)
    }
}
