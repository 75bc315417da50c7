import Foundation

/// Where a schema comes from, as `migrate diff --from/--to` names it.
public enum SchemaSourceSpec: Sendable, Equatable, CustomStringConvertible {
    /// No objects at all.
    case empty
    /// A `schema.prisma` file, or a folder of `.prisma` files.
    case prismaSchema(path: String)
    /// A `.sql` file, or a folder of `.sql` files applied in name order.
    case sqlSchema(path: String)
    /// A migrations folder, replayed on a shadow database.
    case migrations(path: String)
    /// A live database.
    case database(DatabaseURL)

    /// Reads `empty`, a URL (`postgres://...`, `sqlite:...`) or a path.
    ///
    /// - Throws: ``SchemaSourceError`` for a path that does not exist or
    ///   holds nothing Strata can read as a schema.
    public init(argument: String) throws {
        if argument == "empty" {
            self = .empty
            return
        }
        if argument.contains(":"), !FileManager.default.fileExists(atPath: argument), let url = try? DatabaseURL(argument) {
            self = .database(url)
            return
        }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: argument, isDirectory: &isFolder) else {
            throw SchemaSourceError(argument: argument, problem: "does not exist")
        }
        guard isFolder.boolValue else {
            if argument.hasSuffix(".prisma") { self = .prismaSchema(path: argument) }
            else if argument.hasSuffix(".sql") { self = .sqlSchema(path: argument) }
            else { throw SchemaSourceError(argument: argument, problem: "is neither a .prisma nor a .sql file") }
            return
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: argument)) ?? []
        if entries.contains(where: { $0.hasSuffix(".prisma") }) {
            self = .prismaSchema(path: argument)
        } else if entries.contains(where: { entry in
            FileManager.default.fileExists(atPath: argument + "/" + entry + "/migration.sql")
        }) || entries.isEmpty {
            self = .migrations(path: argument)
        } else if entries.contains(where: { $0.hasSuffix(".sql") }) {
            self = .sqlSchema(path: argument)
        } else {
            throw SchemaSourceError(argument: argument, problem: "holds no .prisma files, .sql files or migration folders")
        }
    }

    public var description: String {
        switch self {
        case .empty: "empty"
        case .prismaSchema(let path), .sqlSchema(let path), .migrations(let path): path
        case .database(let url): url.description
        }
    }

    /// Whether reading it needs no database (`empty`, a Prisma schema).
    var isModel: Bool {
        switch self {
        case .empty, .prismaSchema: true
        default: false
        }
    }
}

/// A `--from` / `--to` that names nothing readable.
public struct SchemaSourceError: StrataError {
    public var argument: String
    public var problem: String

    public var summary: String { "\(argument) \(problem)" }
    public var nextStep: String? {
        "name `empty`, a schema file or folder (.prisma, .sql), a migrations folder, or a database URL"
    }
}
