/// Renders drafts as `model` and `enum` blocks: fields aligned as
/// `prisma format` aligns them, then `@@id`, `@@unique`, `@@index`,
/// `@@map` and `@@schema`; above a model, what it leaves out.
struct PrismaModelRenderer {
    var types: PrismaColumnTypes
    var enums: [QualifiedName: PrismaEnumDraft]
    /// The URL's schema when the file lists `schemas` (every block then says its `@@schema`).
    var targetNamespace: String?

    func model(_ draft: PrismaModelDraft) -> String {
        let table = draft.table
        var notes = draft.notes
        let keys = PrismaKeyAttributes(draft)
        notes += keys.notes
        var rows: [[String]] = []
        for column in table.columns {
            let field = draft.fieldNames[column.name] ?? column.name
            var (type, native) = self.type(of: column)
            if !column.type.isArray, column.isNullable { type += "?" }
            var attributes = keys.fieldAttributes[column.name] ?? []
            if let value = column.defaultValue { attributes.append(defaultWriter(for: column).attribute(for: value)) }
            attributes += native
            if field != column.name { attributes.append("@map(\(PrismaDefaultWriter.prismaString(column.name)))") }
            rows.append([field, type] + (attributes.isEmpty ? [] : [attributes.joined(separator: " ")]))
            notes += self.notes(on: column, field: field)
        }
        rows += draft.relationFields.map { [$0.name, $0.type] + ($0.attribute.map { [$0] } ?? []) }
        var lines = Self.aligned(rows)
        var blockAttributes = keys.blockAttributes
        if draft.name != table.name.name { blockAttributes.append("@@map(\(PrismaDefaultWriter.prismaString(table.name.name)))") }
        if let target = targetNamespace { blockAttributes.append("@@schema(\(PrismaDefaultWriter.prismaString(table.name.schema ?? target)))") }
        if !blockAttributes.isEmpty { lines += [""] + blockAttributes }
        if let comment = table.comment { notes.append("The table's comment is left out: \(comment)") }
        for check in table.checks {
            notes.append("The check constraint \(check.name) is left out: Prisma cannot express CHECK (\(check.expression)).")
        }
        let header = notes.flatMap(Self.commentLines)
        return (header + ["model \(draft.name) {"] + lines.map { $0.isEmpty ? "" : "  " + $0 } + ["}"]).joined(separator: "\n")
    }

    func enumeration(_ draft: PrismaEnumDraft) -> String {
        var lines = draft.values.map { $0.name == $0.value ? $0.name : "\($0.name) @map(\(PrismaDefaultWriter.prismaString($0.value)))" }
        var attributes: [String] = []
        if draft.name != draft.type.name.name { attributes.append("@@map(\(PrismaDefaultWriter.prismaString(draft.type.name.name)))") }
        if let target = targetNamespace { attributes.append("@@schema(\(PrismaDefaultWriter.prismaString(draft.type.name.schema ?? target)))") }
        if !attributes.isEmpty { lines += [""] + attributes }
        let header = draft.type.comment.map { Self.commentLines("The enum's comment is left out: \($0)") } ?? []
        return (header + ["enum \(draft.name) {"] + lines.map { $0.isEmpty ? "" : "  " + $0 } + ["}"]).joined(separator: "\n")
    }

    /// A note as `//` lines: a comment or check spanning lines stays a comment on each of them.
    private static func commentLines(_ note: String) -> [String] {
        note.split(separator: "\n", omittingEmptySubsequences: false).map { "// " + $0 }
    }

    /// The field type (`String`, `Role[]`, `Unsupported("tsvector")`) and its `@db.*` attribute.
    private func type(of column: Column) -> (String, [String]) {
        let list = column.type.isArray ? "[]" : ""
        switch column.type.base {
        case .userDefined(let name):
            guard let draft = enums[name] else { return ("Unsupported(\(PrismaDefaultWriter.prismaString(name.description)))" + list, []) }
            return (draft.name + list, [])
        case .builtIn(let spelling):
            guard let field = types.fieldType(of: spelling) else {
                return ("Unsupported(\(PrismaDefaultWriter.prismaString(spelling)))" + list, [])
            }
            return (field.scalar + list, field.native.map { ["@" + $0] } ?? [])
        }
    }

    private func defaultWriter(for column: Column) -> PrismaDefaultWriter {
        let kind: PrismaDefaultWriter.FieldKind = switch column.type.base {
        case .userDefined(let name): .enumeration(enums[name]?.names ?? [:])
        case .builtIn(let spelling): .scalar(types.fieldType(of: spelling)?.scalar ?? "Unsupported")
        }
        return PrismaDefaultWriter(kind: kind, isList: column.type.isArray)
    }

    /// What a field cannot say about its column.
    private func notes(on column: Column, field: String) -> [String] {
        var notes: [String] = []
        if let expression = column.generatedExpression {
            notes.append("`\(field)` is GENERATED ALWAYS AS (\(expression)) STORED in the database; Prisma writes it as a plain column.")
        }
        if let identity = column.identity {
            notes.append("`\(field)` is GENERATED \(identity.rawValue) AS IDENTITY in the database; Prisma cannot say so.")
        }
        if let collation = column.collation { notes.append("`\(field)` has the collation \(collation); Prisma cannot say so.") }
        if column.type.isArray, !column.isNullable { notes.append("`\(field)` is NOT NULL; Prisma's lists are always nullable columns.") }
        if let comment = column.comment { notes.append("The comment on `\(field)` is left out: \(comment)") }
        return notes
    }

    /// Rows of cells, each column padded to its widest cell (the last cell is not padded).
    static func aligned(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.map(\.count).max() ?? 0)).map { column in rows.map { $0.count > column ? $0[column].count : 0 }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count)
            }.joined(separator: " ")
        }
    }
}
