extension PrismaModelConverter {
    /// The foreign keys of the relation fields that hold `fields:` and
    /// `references:`. Prisma's defaults: `ON DELETE RESTRICT` when every
    /// field is required, `SET NULL` when one is optional; `ON UPDATE CASCADE`.
    func foreignKeys(of model: Model, columnOfField: [String: String]) throws -> [ForeignKey] {
        guard !datasource.emulatesRelations else { return [] }
        var keys: [ForeignKey] = []
        for field in model.block.fields {
            guard let relation = field.attributes.first(where: { $0.name == "relation" }),
                let fields = relation.argument("fields")?.value.elements
            else { continue }
            guard let target = models[field.type.name] else {
                throw error(model, field.type.location, "`\(field.type.name)` is no model", nextStep: "relate to one of \(modelOrder.joined(separator: ", "))")
            }
            let referenced = relation.argument("references")?.value.elements ?? []
            let columns = try names(fields, in: model, columnOfField: columnOfField, at: relation.location)
            let targetColumns = try names(referenced, in: target, columnOfField: columnNames(of: target), at: relation.location)
            guard columns.count == targetColumns.count, !columns.isEmpty else {
                throw error(
                    model, relation.location, "`fields` and `references` of `\(field.name)` must list as many fields",
                    nextStep: "list one referenced field per field")
            }
            let optional = fields.contains { element in
                guard case .constant(let name) = element else { return false }
                return model.block.fields.first { $0.name == name }?.type.isOptional ?? false
            }
            let name = relation.argument("map")?.value.string
                ?? Self.constraintName(table: model.table.name, columns: columns, suffix: "fkey")
            keys.append(
                ForeignKey(
                    name: name, columns: columns, referencedTable: target.table, referencedColumns: targetColumns,
                    onDelete: try action(relation.argument("onDelete"), in: model) ?? (optional ? .setNull : .restrict),
                    onUpdate: try action(relation.argument("onUpdate"), in: model) ?? .cascade))
        }
        return keys.sorted { $0.name < $1.name }
    }

    private func names(
        _ elements: [PrismaExpression], in model: Model, columnOfField: [String: String], at location: SourceLocation
    ) throws -> [String] {
        try elements.map { element in
            guard case .constant(let name) = element, let column = columnOfField[name] else {
                throw error(model, location, "`\(element)` is no scalar field of model `\(model.block.name)`", nextStep: "name a field of `\(model.block.name)`")
            }
            return column
        }
    }

    func columnNames(of model: Model) -> [String: String] {
        var names: [String: String] = [:]
        for field in model.block.fields where (try? columnTypes.columnType(of: field, path: model.path)) != nil {
            names[field.name] = Self.columnName(field)
        }
        return names
    }

    private func action(_ argument: PrismaArgument?, in model: Model) throws -> ForeignKey.Action? {
        guard let argument else { return nil }
        guard case .constant(let name) = argument.value else {
            throw error(model, argument.location, "expected a referential action", nextStep: "use Cascade, Restrict, NoAction, SetNull or SetDefault")
        }
        switch name {
        case "Cascade": return .cascade
        case "Restrict": return .restrict
        case "NoAction": return .noAction
        case "SetNull": return .setNull
        case "SetDefault": return .setDefault
        default:
            throw error(model, argument.location, "`\(name)` is no referential action", nextStep: "use Cascade, Restrict, NoAction, SetNull or SetDefault")
        }
    }

    /// The tables of implicit many-to-many relations: two list fields
    /// pointing at each other's model, neither with `fields:`. Named
    /// `_<relation>` (by default the two model names sorted, joined by
    /// `To`), with `A` referencing the first model and `B` the second,
    /// a primary key on both, an index on `B`, and cascading foreign keys.
    func implicitManyToManyTables() throws -> [Table] {
        var relations: [String: [(model: Model, field: PrismaField)]] = [:]
        for name in modelOrder {
            let model = models[name]!
            for field in model.block.fields where field.type.isList && models[field.type.name] != nil {
                let relation = field.attributes.first { $0.name == "relation" }
                guard relation?.argument("fields") == nil else { continue }
                let relationName = relation?.argument("name", positional: true)?.value.string
                    ?? [model.block.name, field.type.name].sorted().joined(separator: "To")
                let key = relationName + "\u{0}" + [model.block.name, field.type.name].sorted().joined(separator: "\u{0}")
                relations[key, default: []].append((model, field))
            }
        }
        var tables: [Table] = []
        for (key, sides) in relations.sorted(by: { $0.key < $1.key }) {
            // Only list-to-list pairs are many-to-many; a list opposite a single field is one-to-many.
            guard sides.count == 2 else { continue }
            let relationName = String(key.prefix { $0 != "\u{0}" })
            let ordered = sides.sorted { $0.model.block.name < $1.model.block.name }
            let first = ordered[0].model
            let second = ordered.count == 2 ? ordered[1].model : first
            tables.append(try joinTable(name: "_" + relationName, a: first, b: second))
        }
        return tables
    }

    private func joinTable(name: String, a: Model, b: Model) throws -> Table {
        let namespace = a.table.schema
        let table = QualifiedName(schema: namespace, name)
        func idColumn(of model: Model) throws -> (name: String, type: ColumnType) {
            let ids = model.block.fields.filter { field in field.attributes.contains { $0.name == "id" } }
            guard ids.count == 1, let id = ids.first, let type = try columnTypes.columnType(of: id, path: model.path) else {
                throw error(
                    model, model.block.location, "an implicit many-to-many relation needs a single `@id` field on `\(model.block.name)`",
                    nextStep: "give `\(model.block.name)` one `@id` field, or write the join table as a model")
            }
            return (Self.columnName(id), type)
        }
        let aID = try idColumn(of: a)
        let bID = try idColumn(of: b)
        return Table(
            name: table,
            columns: [Column(name: "A", type: aID.type), Column(name: "B", type: bID.type)],
            primaryKey: PrimaryKey(name: "\(name)_AB_pkey", columns: ["A", "B"]),
            foreignKeys: datasource.emulatesRelations ? [] : [
                ForeignKey(name: "\(name)_A_fkey", columns: ["A"], referencedTable: a.table, referencedColumns: [aID.name], onDelete: .cascade, onUpdate: .cascade),
                ForeignKey(name: "\(name)_B_fkey", columns: ["B"], referencedTable: b.table, referencedColumns: [bID.name], onDelete: .cascade, onUpdate: .cascade),
            ],
            indexes: [TableIndex(name: "\(name)_B_index", columns: ["B"])])
    }
}
