/// The one `datasource` block of a schema.
struct PrismaDatasource {
    var provider: PrismaColumnTypes.Provider
    var url: PrismaSetting?
    var directURL: PrismaSetting?
    var shadowDatabaseURL: PrismaSetting?
    /// `relationMode = "prisma"`: relations without foreign keys.
    var emulatesRelations: Bool
    /// `schemas = [...]`.
    var namespaces: [String]
    /// `extensions = [...]`.
    var extensions: [DatabaseExtension]
    var managesExtensions: Bool

    init(files: [PrismaSchemaFile]) throws {
        let blocks = files.flatMap { file in file.blocks.filter { $0.kind == .datasource }.map { (file.path, $0) } }
        guard let (path, block) = blocks.first else {
            let path = files.first?.path ?? "schema.prisma"
            throw PrismaSchemaError(
                path: path, location: SourceLocation(line: 1, column: 1), problem: "the schema has no `datasource` block",
                nextStep: "add `datasource db { provider = \"postgresql\" url = env(\"DATABASE_URL\") }`")
        }
        if blocks.count > 1 {
            let (otherPath, other) = blocks[1]
            throw PrismaSchemaError(
                path: otherPath, location: other.location, problem: "a second `datasource` block (`\(other.name)`); a schema has one",
                nextStep: "remove it, or merge it into `\(block.name)` (\(path):\(block.location.line))")
        }
        func property(_ key: String) -> PrismaProperty? { block.properties.first { $0.key == key } }
        guard let providerProperty = property("provider") else {
            throw PrismaSchemaError(
                path: path, location: block.location, problem: "`datasource \(block.name)` has no `provider`",
                nextStep: "add `provider = \"postgresql\"` or `provider = \"sqlite\"`")
        }
        let providerName = providerProperty.value.string ?? ""
        guard let provider = PrismaColumnTypes.Provider(rawValue: providerName == "postgres" ? "postgresql" : providerName) else {
            throw PrismaSchemaError(
                path: path, location: providerProperty.location,
                problem: "Strata reads schemas for PostgreSQL and SQLite, not provider `\(providerName)`",
                nextStep: "set `provider = \"postgresql\"` or `provider = \"sqlite\"`")
        }
        func setting(_ key: String) throws -> PrismaSetting? {
            guard let property = property(key) else { return nil }
            switch property.value {
            case .string(let text): return .literal(text)
            case .function("env", let arguments):
                if let name = arguments.first?.value.string { return .environment(name) }
            default: break
            }
            throw PrismaSchemaError(
                path: path, location: property.location, problem: "`\(key)` must be a string or `env(\"NAME\")`",
                nextStep: "write it as `\(key) = env(\"DATABASE_URL\")`")
        }
        self.provider = provider
        self.url = try setting("url")
        self.directURL = try setting("directUrl")
        self.shadowDatabaseURL = try setting("shadowDatabaseUrl")
        self.emulatesRelations = property("relationMode")?.value.string == "prisma"
        self.namespaces = property("schemas")?.value.elements.compactMap(\.string) ?? []
        self.managesExtensions = property("extensions") != nil
        self.extensions = (property("extensions")?.value.elements ?? []).compactMap { element in
            switch element {
            case .constant(let name): DatabaseExtension(name: name)
            case .function(let name, let arguments):
                DatabaseExtension(
                    name: arguments.first { $0.name == "map" }?.value.string ?? name,
                    schema: arguments.first { $0.name == "schema" }?.value.string,
                    version: arguments.first { $0.name == "version" }?.value.string)
            default: nil
            }
        }
    }
}
