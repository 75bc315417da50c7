/// A table's primary key, uniques and indexes as `@id`, `@unique`,
/// `@@id`, `@@unique` and `@@index`, each with `map:` only when its name is
/// not Prisma's default (`User_pkey`, `User_email_key`, `Post_authorId_idx`);
/// a partial index with `where: raw("...")`, which the conversion reads.
/// An index Prisma cannot express (on an expression, with `NULLS FIRST` /
/// `LAST` or a collation, an unknown method) becomes a note.
struct PrismaKeyAttributes {
    /// `@id`, `@unique` by column.
    var fieldAttributes: [String: [String]] = [:]
    var blockAttributes: [String] = []
    var notes: [String] = []

    init(_ draft: PrismaModelDraft) {
        let table = draft.table.name.name
        func map(_ name: String?, default columns: [String], suffix: String) -> String? {
            guard let name, name != PrismaModelConverter.constraintName(table: table, columns: columns, suffix: suffix) else { return nil }
            return "map: \(PrismaDefaultWriter.prismaString(name))"
        }
        if let key = draft.table.primaryKey {
            let mapped = map(key.name, default: [], suffix: "pkey")
            if key.columns.count == 1 {
                fieldAttributes[key.columns[0], default: []].append("@id" + (mapped.map { "(\($0))" } ?? ""))
            } else {
                blockAttributes.append("@@id(" + (["[\(draft.fields(key.columns).joined(separator: ", "))]"] + [mapped].compactMap { $0 }).joined(separator: ", ") + ")")
            }
        }
        for unique in draft.table.uniqueConstraints {
            add(unique: unique.columns.map { TableIndex.Part(column: $0) }, name: unique.name, draft: draft, map: map)
        }
        for index in draft.table.indexes {
            if let problem = Self.problem(with: index) {
                notes.append("The index \(index.name) is left out: \(problem).")
                continue
            }
            if index.isUnique {
                add(unique: index.parts, name: index.name, predicate: index.predicate, draft: draft, map: map)
                continue
            }
            var arguments = ["[" + index.parts.map { Self.part($0, draft: draft) }.joined(separator: ", ") + "]"]
            if let mapped = map(index.name, default: index.parts.map(\.value), suffix: "idx") { arguments.append(mapped) }
            if let method = index.method { arguments.append("type: \(Self.methods[method] ?? method)") }
            if let predicate = index.predicate { arguments.append("where: raw(\(PrismaDefaultWriter.prismaString(predicate)))") }
            blockAttributes.append("@@index(\(arguments.joined(separator: ", ")))")
        }
    }

    private mutating func add(
        unique parts: [TableIndex.Part], name: String, predicate: String? = nil, draft: PrismaModelDraft,
        map: (String?, [String], String) -> String?
    ) {
        let mapped = map(name, parts.map(\.value), "key")
        if parts.count == 1, mapped == nil, predicate == nil, parts[0] == TableIndex.Part(column: parts[0].value) {
            fieldAttributes[parts[0].value, default: []].append("@unique")
            return
        }
        let arguments = ["[" + parts.map { Self.part($0, draft: draft) }.joined(separator: ", ") + "]"] + [mapped].compactMap { $0 }
            + (predicate.map { ["where: raw(\(PrismaDefaultWriter.prismaString($0)))"] } ?? [])
        blockAttributes.append("@@unique(\(arguments.joined(separator: ", ")))")
    }

    /// Why Prisma cannot write `index`, or `nil` when it can.
    private static func problem(with index: TableIndex) -> String? {
        if index.parts.contains(where: \.isExpression) { return "Prisma cannot express indexes on expressions" }
        if index.parts.contains(where: { $0.nullsFirst != nil }) { return "Prisma cannot express NULLS FIRST / NULLS LAST" }
        if index.parts.contains(where: { $0.collation != nil }) { return "Prisma cannot express an index column's collation" }
        if let method = index.method, index.isUnique || methods[method] == nil {
            return "Prisma cannot express a \(index.isUnique ? "unique " : "")\(method) index"
        }
        return nil
    }

    /// `title`, `title(sort: Desc)`, `data(ops: JsonbPathOps)`.
    private static func part(_ part: TableIndex.Part, draft: PrismaModelDraft) -> String {
        var options: [String] = []
        if part.order == .descending { options.append("sort: Desc") }
        if let operatorClass = part.operatorClass {
            // `jsonb_path_ops` → `JsonbPathOps` when the conversion reads it back the same; else raw("...").
            let constant = operatorClass.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
            let readsBack = PrismaModelConverter.operatorClass(constant) == operatorClass && PrismaIdentifiers.isValid(constant)
            options.append("ops: " + (readsBack ? constant : "raw(\(PrismaDefaultWriter.prismaString(operatorClass)))"))
        }
        let field = draft.fieldNames[part.value] ?? part.value
        return options.isEmpty ? field : "\(field)(\(options.joined(separator: ", ")))"
    }

    /// PostgreSQL's index methods by the name `type:` gives them (B-tree, the default, is never written).
    private static let methods = ["hash": "Hash", "gist": "Gist", "gin": "Gin", "spgist": "SpGist", "brin": "Brin"]
}
