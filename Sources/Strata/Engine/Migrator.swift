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
