/// A `schema.prisma` read for what it means: the datasource's settings and
/// the database schema Prisma Migrate would create from its models.
public struct PrismaSchema: Sendable, Equatable {
    /// The datasource's `provider`.
    public var provider: PrismaColumnTypes.Provider
    /// `url`, `directUrl` and `shadowDatabaseUrl`, as written.
    public var url: PrismaSetting?
    public var directURL: PrismaSetting?
    public var shadowDatabaseURL: PrismaSetting?
    /// The tables, enums and extensions, named as Prisma names them.
    public var schema: Schema
    /// Whether the datasource lists `extensions`: without, Prisma leaves
    /// the database's extensions alone, and so does the differ.
    public var managesExtensions: Bool

    /// Reads the files of one schema (a file, or a folder of them).
    ///
    /// - Parameter targetNamespace: the schema the database URL targets
    ///   (PostgreSQL's `public` unless `?schema=` says otherwise): objects
    ///   `@@schema`d there get no namespace in the model.
    /// - Throws: ``PrismaSchemaError`` at the place of the first problem.
    public init(files: [PrismaSchemaFile], targetNamespace: String = "public") throws {
        let datasource = try PrismaDatasource(files: files)
        self.provider = datasource.provider
        self.url = datasource.url
        self.directURL = datasource.directURL
        self.shadowDatabaseURL = datasource.shadowDatabaseURL
        self.managesExtensions = datasource.managesExtensions
        var converter = try PrismaModelConverter(files: files, datasource: datasource, targetNamespace: targetNamespace)
        self.schema = try converter.schema()
    }
}

/// A datasource setting: a literal, or `env("NAME")`.
public enum PrismaSetting: Sendable, Equatable {
    case literal(String)
    case environment(String)
}
