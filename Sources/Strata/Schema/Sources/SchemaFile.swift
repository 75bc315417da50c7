import Foundation

/// Where a project keeps its declarative schema, for `migrate dev`.
public enum SchemaFile {
    /// Where SQL DDL is looked for, after Prisma's ``PrismaSchemaSource/defaultLocations``.
    public static let sqlLocations = ["schema.sql", "schema"]

    /// Every place looked in when nothing names the schema, in order.
    public static var defaultLocations: [String] { PrismaSchemaSource.defaultLocations + sqlLocations }

    /// The schema: `explicit` (`--schema`), else `configured` (`strata.toml`),
    /// else Prisma's places, else `schema.sql` or a `schema/` folder of
    /// `.sql` files in `directory`; `nil` when there is none.
    ///
    /// - Throws: ``ConfigurationError`` when a named path does not exist or
    ///   is not a schema file or folder.
    public static func locate(explicit: String?, configured: String?, in directory: String) throws -> SchemaSourceSpec? {
        let path = try PrismaSchemaSource.locate(explicit: explicit, configured: configured, in: directory)
            ?? sqlLocations.first { location in
                (try? SchemaSourceSpec(argument: joinPath(directory, location))).map(\.isSchemaFile) ?? false
            }
        guard let path else { return nil }
        let source: SchemaSourceSpec
        do {
            source = try SchemaSourceSpec(argument: path)
        } catch let error as SchemaSourceError {
            throw ConfigurationError("\(path) \(error.problem)", nextStep: "point --schema at a schema.prisma, a .sql file, or a folder of either")
        }
        guard source.isSchemaFile else {
            throw ConfigurationError(
                "\(path) is not a schema file: it holds no .prisma or .sql files",
                nextStep: "point --schema at a schema.prisma, a .sql file, or a folder of either")
        }
        return source
    }
}

extension SchemaSourceSpec {
    /// Whether it is a schema file or folder (`.prisma` or `.sql`).
    public var isSchemaFile: Bool {
        switch self {
        case .prismaSchema, .sqlSchema: true
        case .empty, .migrations, .database: false
        }
    }
}
