/// Turns models and enums into tables and types with Prisma Migrate's
/// names: `User_pkey`, `User_email_key`, `Post_authorId_idx`,
/// `Post_authorId_fkey`, implicit many-to-many tables `_CategoryToPost`.
struct PrismaModelConverter {
    struct Model {
        var path: String
        var block: PrismaBlock
        var table: QualifiedName
    }

    let datasource: PrismaDatasource
    let targetNamespace: String
    var models: [String: Model] = [:]
    var modelOrder: [String] = []
    var enums: [String: (path: String, block: PrismaBlock, type: EnumType)] = [:]
    let columnTypes: PrismaColumnTypes

    init(files: [PrismaSchemaFile], datasource: PrismaDatasource, targetNamespace: String) throws {
        self.datasource = datasource
        self.targetNamespace = targetNamespace
        var enums: [String: (String, PrismaBlock, EnumType)] = [:]
        var models: [String: Model] = [:]
        var order: [String] = []
        for file in files {
            for block in file.blocks {
                switch block.kind {
                case .enum:
                    let name = Self.qualified(Self.mappedName(block) ?? block.name, namespace: Self.namespace(of: block), target: targetNamespace)
                    let values = block.values.map { value in
                        value.attributes.first { $0.name == "map" }?.argument("name", positional: true)?.value.string ?? value.name
                    }
                    enums[block.name] = (file.path, block, EnumType(name: name, values: values))
                case .model:
                    if models[block.name] != nil {
                        throw PrismaSchemaError(
                            path: file.path, location: block.location, problem: "a second `model \(block.name)`",
                            nextStep: "rename or remove one of them")
                    }
                    let name = Self.qualified(Self.mappedName(block) ?? block.name, namespace: Self.namespace(of: block), target: targetNamespace)
                    models[block.name] = Model(path: file.path, block: block, table: name)
                    order.append(block.name)
                case .type:
                    throw PrismaSchemaError(
                        path: file.path, location: block.location, problem: "composite `type` blocks exist only for MongoDB",
                        nextStep: "make `\(block.name)` a model, or store it as Json")
                case .datasource, .generator, .view:
                    // Views are not migrated by Prisma Migrate; generators configure clients.
                    continue
                }
            }
        }
        self.enums = enums
        self.models = models
        self.modelOrder = order
        self.columnTypes = PrismaColumnTypes(provider: datasource.provider, enumTypes: enums.mapValues(\.2.name))
    }

    mutating func schema() throws -> Schema {
        var tables: [Table] = []
        for name in modelOrder {
            tables.append(try table(of: models[name]!))
        }
        tables += try implicitManyToManyTables()
        let enumTypes = datasource.provider == .postgresql ? enums.values.map(\.type).sorted { $0.name < $1.name } : []
        return Schema(
            tables: tables.sorted { $0.name < $1.name }, enums: enumTypes,
            extensions: datasource.extensions.sorted { $0.name < $1.name })
    }

    // MARK: Names

    static func mappedName(_ block: PrismaBlock) -> String? {
        block.attributes.first { $0.name == "map" }?.argument("name", positional: true)?.value.string
    }

    static func namespace(of block: PrismaBlock) -> String? {
        block.attributes.first { $0.name == "schema" }?.argument("name", positional: true)?.value.string
    }

    static func qualified(_ name: String, namespace: String?, target: String) -> QualifiedName {
        QualifiedName(schema: namespace == target ? nil : namespace, name)
    }

    /// The column a field is stored in.
    static func columnName(_ field: PrismaField) -> String {
        field.attributes.first { $0.name == "map" }?.argument("name", positional: true)?.value.string ?? field.name
    }

    /// Prisma's default constraint name: table, columns, suffix, cut to
    /// PostgreSQL's 63 bytes as Prisma cuts it (the table and columns part,
    /// keeping the suffix).
    static func constraintName(table: String, columns: [String], suffix: String) -> String {
        let base = ([table] + columns).joined(separator: "_")
        let limit = 63 - suffix.utf8.count - 1
        var cut = base
        while cut.utf8.count > limit { cut.removeLast() }
        return cut + "_" + suffix
    }

    func error(_ model: Model, _ location: SourceLocation, _ problem: String, nextStep: String) -> PrismaSchemaError {
        PrismaSchemaError(path: model.path, location: location, problem: problem, nextStep: nextStep)
    }
}
