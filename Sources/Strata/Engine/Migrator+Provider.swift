import Foundation
import TOMLKit

/// The database the migrations are written for, as the project declares it:
/// `provider` in `strata.toml`, or in Prisma's `migration_lock.toml`.
extension Migrator {
    /// A provider name and the file that gave it.
    struct DeclaredProvider: Sendable {
        var name: String
        var source: String
    }

    /// `strata.toml`'s provider, else `migration_lock.toml`'s.
    static func declaredProvider(_ configuration: Configuration, directory: MigrationDirectory) throws -> DeclaredProvider? {
        if let name = configuration.provider { return DeclaredProvider(name: name, source: "strata.toml") }
        return try prismaProvider(in: directory)
    }

    /// The `provider` of Prisma's `migration_lock.toml`, when the folder has one.
    static func prismaProvider(in directory: MigrationDirectory) throws -> DeclaredProvider? {
        let path = directory.prismaLockFilePath
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self),
              let table = try? TOMLTable(string: text)
        else {
            throw MigrationFileError(path: path, problem: "cannot be read as TOML", nextStep: "fix it, or delete it (only Prisma uses it)")
        }
        return table["provider"]?.string.map { DeclaredProvider(name: $0, source: path) }
    }

    /// The driver of the database `provider` names.
    static func driver(for provider: DeclaredProvider, among drivers: [DatabaseDriver]) throws -> DatabaseDriver {
        guard let driver = drivers.first(where: { $0.prismaProviders.contains(provider.name) }) else {
            let known = drivers.flatMap(\.prismaProviders).sorted().map { "\"\($0)\"" }.joined(separator: ", ")
            throw ConfigurationError(
                "\(provider.source): provider `\(provider.name)` is not a database Strata knows", nextStep: "use one of: \(known)")
        }
        return driver
    }

    /// Throws when `provider` names another database than `driver`'s.
    static func check(_ provider: DeclaredProvider, matches driver: DatabaseDriver, url: DatabaseURL) throws {
        guard !driver.prismaProviders.contains(provider.name) else { return }
        throw ConfigurationError(
            "\(provider.source) says these migrations are for `\(provider.name)`, but the database URL is \(driver.name) (\(url))",
            nextStep: "point --url (or DATABASE_URL) at a \(provider.name) database, or --dir at the migrations written for \(driver.name)")
    }
}
