extension SchemaChange {
    /// One line for people: `+ table User`, `~ column User.email: TEXT → VARCHAR(255)`.
    public var summary: String {
        switch self {
        case .createNamespace(let name): "+ schema \(name)"
        case .createExtension(let e): "+ extension \(e.name)"
        case .dropExtension(let e): "- extension \(e.name)"
        case .createEnum(let e): "+ enum \(e.name) (\(e.values.joined(separator: ", ")))"
        case .addEnumValue(let name, let value, _): "~ enum \(name): + \(value)"
        case .replaceEnum(let old, let new): "~ enum \(new.name): \(old.values.joined(separator: ", ")) → \(new.values.joined(separator: ", "))"
        case .dropEnum(let e): "- enum \(e.name)"
        case .createSequence(let s): "+ sequence \(s.name)"
        case .alterSequence(_, let s): "~ sequence \(s.name): start \(s.start), increment \(s.increment)"
        case .dropSequence(let s): "- sequence \(s.name)"
        case .createTable(let t): "+ table \(t.name) (\(t.columns.count) column\(t.columns.count == 1 ? "" : "s"))"
        case .dropTable(let t): "- table \(t.name)"
        case .renameTable(let from, let to): "~ table \(from) → \(to)"
        case .setTableComment(let t, _): "~ comment on table \(t)"
        case .addColumn(let t, let c): "+ column \(t).\(c.name) \(c.type)\(c.isNullable ? "" : " NOT NULL")"
        case .dropColumn(let t, let c): "- column \(t).\(c.name)"
        case .renameColumn(let t, let from, let to): "~ column \(t).\(from) → \(to)"
        case .alterColumn(let t, let old, let new): "~ column \(t).\(new.name): \(Self.columnChanges(old, new))"
        case .setColumnComment(let t, let c, _): "~ comment on column \(t).\(c)"
        case .addPrimaryKey(let t, let k): "+ primary key \(t) (\(k.columns.joined(separator: ", ")))"
        case .dropPrimaryKey(let t, _): "- primary key \(t)"
        case .addUnique(let t, let u): "+ unique \(u.name) on \(t)"
        case .dropUnique(let t, let u): "- unique \(u.name) on \(t)"
        case .addCheck(let t, let c): "+ check \(c.name) on \(t)"
        case .dropCheck(let t, let c): "- check \(c.name) on \(t)"
        case .addForeignKey(let t, let k): "+ foreign key \(k.name): \(t) (\(k.columns.joined(separator: ", "))) → \(k.referencedTable)"
        case .dropForeignKey(let t, let k): "- foreign key \(k.name) on \(t)"
        case .renameConstraint(let t, let from, let to): "~ constraint \(from) → \(to) on \(t)"
        case .createIndex(let t, let i): "+ \(i.isUnique ? "unique " : "")index \(i.name) on \(t)"
        case .dropIndex(let t, let i): "- index \(i.name) on \(t)"
        case .renameIndex(let t, let from, let to): "~ index \(from) → \(to) on \(t)"
        case .createView(let v): "+ view \(v.name)"
        case .dropView(let v): "- view \(v.name)"
        case .createTrigger(let t): "+ trigger \(t.name) on \(t.table)"
        case .dropTrigger(let t): "- trigger \(t.name) on \(t.table)"
        }
    }

    private static func columnChanges(_ old: Column, _ new: Column) -> String {
        var parts: [String] = []
        if old.type != new.type { parts.append("\(old.type) → \(new.type)") }
        if old.isNullable != new.isNullable { parts.append(new.isNullable ? "nullable" : "NOT NULL") }
        if old.defaultValue != new.defaultValue { parts.append(new.defaultValue.map { "default \($0)" } ?? "no default") }
        if old.identity != new.identity { parts.append(new.identity.map { "identity \($0.rawValue)" } ?? "no identity") }
        if old.generatedExpression != new.generatedExpression { parts.append("generated expression") }
        if old.collation != new.collation { parts.append("collation \(new.collation ?? "default")") }
        return parts.joined(separator: ", ")
    }
}

extension ColumnDefault: CustomStringConvertible {
    public var description: String {
        switch self {
        case .expression(let sql): sql
        case .autoincrement: "autoincrement"
        }
    }
}
