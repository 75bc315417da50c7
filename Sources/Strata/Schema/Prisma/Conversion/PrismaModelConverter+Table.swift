extension PrismaModelConverter {
    /// One model's table: columns, primary key, unique indexes, indexes and foreign keys.
    func table(of model: Model) throws -> Table {
        let block = model.block
        let tableName = model.table.name
        var table = Table(name: model.table)
        var columnOfField: [String: String] = [:]
        for field in block.fields {
            guard let type = try columnTypes.columnType(of: field, path: model.path) else {
                guard models[field.type.name] != nil else {
                    throw error(
                        model, field.type.location, "`\(field.type.name)` is no type, enum or model",
                        nextStep: "use one of \(PrismaColumnTypes.scalars.sorted().joined(separator: ", ")), an enum or a model of the schema")
                }
                continue
            }
            let name = Self.columnName(field)
            columnOfField[field.name] = name
            let isList = field.type.isList
            var column = Column(name: name, type: type, isNullable: field.type.isOptional || isList)
            column.defaultValue = try defaultValue(of: field, type: type, in: model)
            table.columns.append(column)
        }
        func columns(_ expression: PrismaExpression?, at location: SourceLocation) throws -> [(String, PrismaExpression)] {
            try (expression?.elements ?? []).map { element in
                let fieldName: String
                switch element {
                case .constant(let name), .function(let name, _): fieldName = name
                default: throw error(model, location, "expected field names, as in `[email, name]`", nextStep: "list the fields by name")
                }
                guard let column = columnOfField[fieldName] else {
                    throw error(model, location, "`\(fieldName)` is no scalar field of model `\(block.name)`", nextStep: "use one of \(columnOfField.keys.sorted().joined(separator: ", "))")
                }
                return (column, element)
            }
        }

        for field in block.fields {
            guard let column = columnOfField[field.name] else { continue }
            for attribute in field.attributes {
                switch attribute.name {
                case "id":
                    let name = attribute.argument("map")?.value.string ?? Self.constraintName(table: tableName, columns: [], suffix: "pkey")
                    table.primaryKey = PrimaryKey(name: name, columns: [column])
                case "unique":
                    let name = attribute.argument("map")?.value.string ?? Self.constraintName(table: tableName, columns: [column], suffix: "key")
                    table.indexes.append(TableIndex(name: name, parts: [part(column, options: attribute.arguments)], isUnique: true))
                default: continue
                }
            }
        }
        for attribute in block.attributes {
            let fields = attribute.argument("fields", positional: true)?.value
            switch attribute.name {
            case "id":
                let parts = try columns(fields, at: attribute.location)
                let name = attribute.argument("map")?.value.string ?? Self.constraintName(table: tableName, columns: [], suffix: "pkey")
                table.primaryKey = PrimaryKey(name: name, columns: parts.map(\.0))
            case "unique", "index":
                let parts = try columns(fields, at: attribute.location)
                let isUnique = attribute.name == "unique"
                let name = attribute.argument("map")?.value.string
                    ?? Self.constraintName(table: tableName, columns: parts.map(\.0), suffix: isUnique ? "key" : "idx")
                var index = TableIndex(
                    name: name,
                    parts: parts.map { column, element in
                        guard case .function(_, let options) = element else { return TableIndex.Part(column: column) }
                        return part(column, options: options)
                    },
                    isUnique: isUnique)
                if case .constant(let method)? = attribute.argument("type")?.value, method != "BTree" {
                    index.method = method.lowercased()
                }
                if case .function("raw", let arguments)? = attribute.argument("where")?.value {
                    index.predicate = arguments.first?.value.string
                }
                table.indexes.append(index)
            default: continue
            }
        }
        table.foreignKeys = try foreignKeys(of: model, columnOfField: columnOfField)
        table.indexes.sort { $0.name < $1.name }
        return table
    }

    /// An index part with `sort:` and `ops:` applied.
    private func part(_ column: String, options: [PrismaArgument]) -> TableIndex.Part {
        var part = TableIndex.Part(column: column)
        if case .constant("Desc")? = options.first(where: { $0.name == "sort" })?.value { part.order = .descending }
        switch options.first(where: { $0.name == "ops" })?.value {
        case .constant(let name)?: part.operatorClass = Self.operatorClass(name)
        case .function("raw", let arguments)?: part.operatorClass = arguments.first?.value.string
        default: break
        }
        return part
    }

    /// `JsonbPathOps` → `jsonb_path_ops`, as Prisma names operator classes.
    static func operatorClass(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result += "_" }
            result += character.lowercased()
        }
        return result
    }
}
