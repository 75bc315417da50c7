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
            let isFile = FileManager.default.fileExists(atPath: path)
            throw MigrationFileError(
                path: path, problem: isFile ? "is a file, not a folder of migrations" : "there is no such folder",
                nextStep: "run `strata init` to start one (or `strata migrate dev --name init` to write the first migration from "
                    + "your schema), or point --dir at the folder that holds your migrations")
        }
        guard let entries = FileSystem.entries(of: path) else {
            throw MigrationFileError(path: path, problem: "cannot be listed", nextStep: "check its permissions")
        }
        let names = entries.filter { $0.isDirectory && !$0.name.hasPrefix(".") }.map(\.name)
            .sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        // Reading and hashing a thousand folders is most of a `status`: use every core.
        return try names.concurrentMap { name in try loadMigration(named: name, in: joinPath(path, name)) }
    }

    private func loadMigration(named name: String, in folder: String) throws -> Migration {
        guard !name.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D }) else {
            throw MigrationFileError(path: folder, problem: "has a line break in its name", nextStep: "rename the folder")
        }
        let upPath = joinPath(folder, "migration.sql")
        let up: MigrationScript
        switch FileSystem.read(upPath) {
        case .bytes(let bytes):
            up = try MigrationScript(path: upPath, bytes: bytes)
        case .missing:
            throw MigrationFileError(
                path: folder, problem: "has no migration.sql",
                nextStep: "put the migration's SQL in \(upPath), or move the folder out of \(path)")
        case .unreadable:
            throw MigrationFileError(
                path: upPath, problem: "cannot be read", nextStep: "check that it is a file you may read")
        }
        guard !up.isBlank else {
            throw MigrationFileError(
                path: upPath, problem: "is empty",
                nextStep: "write the migration's SQL in it (a comment is enough for a deliberate no-op), or delete \(folder)")
        }
        let downPath = joinPath(folder, "down.sql")
        let down: MigrationScript?
        switch FileSystem.read(downPath) {
        case .bytes(let bytes): down = try MigrationScript(path: downPath, bytes: bytes)
        case .missing: down = nil
        case .unreadable:
            throw MigrationFileError(path: downPath, problem: "cannot be read", nextStep: "check that it is a file you may read")
        }
        return Migration(name: name, up: up, down: down)
    }
}

/// Joins path components with `/`, without doubling it.
func joinPath(_ base: String, _ component: String) -> String {
    if base.isEmpty || base == "." { return component }
    return base.hasSuffix("/") ? base + component : base + "/" + component
}
