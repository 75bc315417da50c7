/// The relation fields of the foreign keys and join tables: for a foreign
/// key, `author User @relation(fields: [authorId], references: [id])` on
/// its table's model and `posts Post[]` on the other; for an implicit
/// many-to-many table, a list field on each side.
///
/// As `prisma db pull` does, a relation gets a name only when its two
/// models are joined more than once (or it joins a model to itself):
/// `<table>_<columns>To<referenced table>`, e.g. `Post_authorIdToUser`.
struct PrismaRelations {
    var joinTables: [PrismaJoinTable]

    /// Adds the relation fields, and a note for a foreign key to a table that is no model.
    func add(to models: inout [PrismaModelDraft]) {
        let index = Dictionary(models.enumerated().map { ($1.table.name, $0) }, uniquingKeysWith: { first, _ in first })
        var joins: [Set<QualifiedName>: Int] = [:]
        for model in models {
            for key in model.table.foreignKeys { joins[[model.table.name, key.referencedTable], default: 0] += 1 }
        }
        for join in joinTables { joins[[join.a, join.b], default: 0] += 1 }
        let isAmbiguous = { (a: QualifiedName, b: QualifiedName) in a == b || joins[[a, b], default: 0] > 1 }

        for position in models.indices {
            for key in models[position].table.foreignKeys {
                let model = models[position]
                guard let target = index[key.referencedTable] else {
                    models[position].notes.append(
                        "The foreign key \(key.name) is left out: it references \(key.referencedTable), which is no model here.")
                    continue
                }
                let relationName = isAmbiguous(model.table.name, key.referencedTable)
                    ? "\(model.table.name.name)_\(key.columns.joined(separator: "_"))To\(key.referencedTable.name)" : nil
                let forward = forwardName(key, model: model, target: models[target])
                let optional = key.columns.contains { model.table.column($0)?.isNullable ?? false }
                models[position].addRelation(
                    forward, type: models[target].name + (optional ? "?" : ""),
                    attribute: relationAttribute(key, name: relationName, model: model, target: models[target], optional: optional))
                if key.isDeferrable {
                    models[position].notes.append("The foreign key \(key.name) is DEFERRABLE in the database; Prisma cannot say so.")
                }
                // `posts`, or when named after the forward field: `authorPosts`, `managerUsers`.
                let isOneToOne = model.isUnique(key.columns)
                let noun = isOneToOne ? model.name : PrismaIdentifiers.plural(model.name)
                let backName = relationName == nil ? PrismaIdentifiers.lowerFirst(noun) : forward + PrismaIdentifiers.upperFirst(noun)
                models[target].addRelation(
                    backName, type: model.name + (isOneToOne ? "?" : "[]"),
                    attribute: relationName.map { "@relation(\(PrismaDefaultWriter.prismaString($0)))" })
            }
        }
        for join in joinTables {
            guard let a = index[join.a], let b = index[join.b] else { continue }
            let named = isAmbiguous(join.a, join.b) || join.relation != models[a].name + "To" + models[b].name
            let attribute = named ? "@relation(\(PrismaDefaultWriter.prismaString(join.relation)))" : nil
            let aName = models[a].name
            let bName = models[b].name
            models[a].addRelation(PrismaIdentifiers.plural(PrismaIdentifiers.lowerFirst(bName)), type: bName + "[]", attribute: attribute)
            models[b].addRelation(PrismaIdentifiers.plural(PrismaIdentifiers.lowerFirst(aName)), type: aName + "[]", attribute: attribute)
        }
    }

    /// `authorId` → `author`, `user_id` → `user`; otherwise the referenced model's name, lowered.
    private func forwardName(_ key: ForeignKey, model: PrismaModelDraft, target: PrismaModelDraft) -> String {
        if key.columns.count == 1, let field = model.fieldNames[key.columns[0]] {
            for suffix in ["Id", "_id", "ID"] where field.hasSuffix(suffix) && field.count > suffix.count {
                let stem = String(field.dropLast(suffix.count))
                if !model.fieldNames.values.contains(stem) { return stem }
            }
        }
        return PrismaIdentifiers.lowerFirst(target.name)
    }

    /// `@relation(name?, fields:, references:, onDelete:?, onUpdate:?, map:?)`, each only when not Prisma's default.
    private func relationAttribute(
        _ key: ForeignKey, name: String?, model: PrismaModelDraft, target: PrismaModelDraft, optional: Bool
    ) -> String {
        var arguments: [String] = []
        if let name { arguments.append(PrismaDefaultWriter.prismaString(name)) }
        arguments.append("fields: [\(model.fields(key.columns).joined(separator: ", "))]")
        arguments.append("references: [\(target.fields(key.referencedColumns).joined(separator: ", "))]")
        if key.onDelete != (optional ? .setNull : .restrict) { arguments.append("onDelete: \(Self.action(key.onDelete))") }
        if key.onUpdate != .cascade { arguments.append("onUpdate: \(Self.action(key.onUpdate))") }
        if key.name != PrismaModelConverter.constraintName(table: model.table.name.name, columns: key.columns, suffix: "fkey") {
            arguments.append("map: \(PrismaDefaultWriter.prismaString(key.name))")
        }
        return "@relation(\(arguments.joined(separator: ", ")))"
    }

    static func action(_ action: ForeignKey.Action) -> String {
        switch action {
        case .noAction: "NoAction"
        case .restrict: "Restrict"
        case .cascade: "Cascade"
        case .setNull: "SetNull"
        case .setDefault: "SetDefault"
        }
    }
}
