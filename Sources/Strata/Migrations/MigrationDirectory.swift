import Foundation

/// The folder of migrations: one subfolder per migration, `strata.sum`, and
/// Prisma's `migration_lock.toml` when the project came from Prisma.
///
/// ```swift
/// let directory = MigrationDirectory(path: "migrations")
/// let migrations = try directory.load()   // sorted byte-wise by folder name
/// ```
public struct MigrationDirectory: Sendable {
    /// The folder, as configured (relative paths are relative to the working directory).
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// The `strata.sum` integrity file.
    public var sumFilePath: String { joinPath(path, "strata.sum") }

    /// Prisma's `migration_lock.toml`.
    public var prismaLockFilePath: String { joinPath(path, "migration_lock.toml") }

    /// Whether the folder exists.
    public var exists: Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Reads every migration, sorted byte-wise by folder name.
    ///
    /// Hidden folders (starting with `.`) are skipped; files beside the folders
    /// (`strata.sum`, `migration_lock.toml`, a README) are not migrations.
    ///
    /// - Throws: ``MigrationFileError`` naming the path of the first folder or
    ///   file that cannot be used: no `migration.sql`, an empty one, unreadable
    ///   or non-UTF-8 files, bad directives.
    public func load() throws -> [Migration] {
        guard exists else {
            throw MigrationFileError(
                path: path, problem: "is not a folder of migrations",
                nextStep: "run `strata init`, or point --dir at the folder that holds your migrations")
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: path)
        } catch {
            throw MigrationFileError(path: path, problem: "cannot be listed", nextStep: "check its permissions")
        }
        var migrations: [Migration] = []
        for name in names where !name.hasPrefix(".") {
            let folder = joinPath(path, name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue
            else { continue }
            migrations.append(try loadMigration(named: name, in: folder))
        }
        // Byte-wise order, with each name's bytes taken once.
        return migrations.map { (Array($0.name.utf8), $0) }
            .sorted { $0.0.lexicographicallyPrecedes($1.0) }
            .map(\.1)
    }

    private func loadMigration(named name: String, in folder: String) throws -> Migration {
        guard !name.contains(where: \.isNewline) else {
            throw MigrationFileError(path: folder, problem: "has a line break in its name", nextStep: "rename the folder")
        }
        let upPath = joinPath(folder, "migration.sql")
        guard FileManager.default.fileExists(atPath: upPath) else {
            throw MigrationFileError(
                path: folder, problem: "has no migration.sql",
                nextStep: "put the migration's SQL in \(upPath), or move the folder out of \(path)")
        }
        let up = try MigrationScript(readingFile: upPath)
        guard !up.isBlank else {
            throw MigrationFileError(
                path: upPath, problem: "is empty",
                nextStep: "write the migration's SQL in it (a comment is enough for a deliberate no-op), or delete \(folder)")
        }
        let downPath = joinPath(folder, "down.sql")
        let down = FileManager.default.fileExists(atPath: downPath) ? try MigrationScript(readingFile: downPath) : nil
        return Migration(name: name, up: up, down: down)
    }
}

/// Joins path components with `/`, without doubling it.
func joinPath(_ base: String, _ component: String) -> String {
    if base.isEmpty || base == "." { return component }
    return base.hasSuffix("/") ? base + component : base + "/" + component
}
