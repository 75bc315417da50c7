import Foundation

/// Where a project's `schema.prisma` is, and reading it: one file, or a
/// folder of `.prisma` files (Prisma's multi-file schema) read as one.
public enum PrismaSchemaSource {
    /// The places Prisma looks when nothing names the schema, in order.
    public static let defaultLocations = ["schema.prisma", "prisma/schema.prisma", "prisma/schema"]

    /// The schema's path: `explicit` (`--schema`), else `configured`
    /// (`strata.toml`), else the first of ``defaultLocations`` that exists in
    /// `directory`; `nil` when there is none.
    ///
    /// - Throws: ``ConfigurationError`` when a path that was named does not exist.
    public static func locate(explicit: String?, configured: String?, in directory: String) throws -> String? {
        for (path, origin) in [(explicit, "--schema"), (configured, "strata.toml")] {
            guard let path else { continue }
            let resolved = path.hasPrefix("/") ? path : joinPath(directory, path)
            guard FileManager.default.fileExists(atPath: resolved) else {
                throw ConfigurationError("\(path) (from \(origin)) does not exist", nextStep: "point \(origin) at your schema.prisma or its folder")
            }
            return path
        }
        return defaultLocations.first { FileManager.default.fileExists(atPath: joinPath(directory, $0)) }
    }

    /// Parses the schema at `path`: a file, or every `.prisma` file under a
    /// folder, in path order.
    ///
    /// - Throws: ``PrismaSchemaError`` for a file that is not the schema
    ///   language, ``MigrationFileError`` for one that cannot be read.
    public static func load(_ path: String) throws -> [PrismaSchemaFile] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw MigrationFileError(path: path, problem: "does not exist", nextStep: "pass --schema with the path of your schema.prisma")
        }
        let files = isFolder.boolValue ? try prismaFiles(under: path) : [path]
        guard !files.isEmpty else {
            throw MigrationFileError(path: path, problem: "holds no .prisma file", nextStep: "put the schema in \(joinPath(path, "schema.prisma"))")
        }
        return try files.concurrentMap { file in try PrismaParser.parse(try read(file), path: file) }
    }

    private static func prismaFiles(under folder: String) throws -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else {
            throw MigrationFileError(path: folder, problem: "cannot be listed")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            if relative.hasSuffix(".prisma") { files.append(joinPath(folder, relative)) }
        }
        return files.sorted()
    }

    private static func read(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw MigrationFileError(path: path, problem: "cannot be read")
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw MigrationFileError(path: path, problem: "is not UTF-8 text", nextStep: "save it as UTF-8")
        }
        return text
    }
}
