/// `ALTER COLUMN ... TYPE` that changes what the running code reads or may write.
struct ChangingColumnType: LintRule {
    let triggers: Set<ActionKind>? = [.alterColumnType]
    let info = LintRuleInfo(
        id: "changing-column-type", family: .backwardIncompatible, severity: .warning,
        summary: "Changing a column's type can break the code still running.",
        why: "The running version may write values the new type refuses (a shorter varchar, an integer instead of text) "
            + "or read a type its driver maps differently. Widening (varchar(50) to varchar(100) or text, int to bigint) is safe.",
        fix: "-- expand/contract:\nALTER TABLE orders ADD COLUMN amount_cents bigint;\n-- sync with a trigger, backfill, switch the code, then drop the old column",
        recipe: .changeColumnType,
        examples: [
            .fires("ALTER TABLE orders ALTER COLUMN amount TYPE integer USING amount::integer;", after: ["CREATE TABLE orders (id int, amount text);"]),
            .fires("ALTER TABLE users ALTER COLUMN name TYPE varchar(20);", after: ["CREATE TABLE users (id int, name varchar(100));"]),
            .passes("ALTER TABLE users ALTER COLUMN name TYPE varchar(200);", after: ["CREATE TABLE users (id int, name varchar(100));"], "widening"),
            .passes("ALTER TABLE users ALTER COLUMN id TYPE bigint;", after: ["CREATE TABLE users (id int, name text);"], "widening"),
            .passes("ALTER TABLE \"Account\" ALTER COLUMN \"currency\" SET DATA TYPE TEXT;",
                    after: ["CREATE TYPE \"Currency\" AS ENUM ('EUR', 'USD');\nCREATE TABLE \"Account\" (\"id\" TEXT, \"currency\" \"Currency\");"],
                    "every enum value fits text"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .alterColumnType(let table, let column, let type) = located.action, context.holdsRows(table),
                  context.knowledge.column(column, of: table)?.isNew != true
            else { return nil }
            let old = context.knowledge.column(column, of: table)?.type
            if let old, TypeChange.widens(from: old, to: type) { return nil }
            // An enum's values all fit an unbounded text column, and read back the same.
            if let old, context.knowledge.type(named: TableReference(schema: old.schema, name: old.name))?.enumValues != nil,
               !old.isArray, !type.isArray, type.name == "text" || (type.name == "varchar" && type.modifiers.isEmpty) {
                return nil
            }
            if let old, Self.isEnumRecreation(from: old, to: type, located, statement, context) { return nil }
            return LintViolation(
                "Changing \(table.dot(column)) " + (old.map { "from \($0) " } ?? "") + "to \(type) can break the running code",
                at: located.byteOffset, recipe: RecipeRequest(recipe: .changeColumnType, table: table, column: column, type: type.description))
        }
    }
}

extension ChangingColumnType {
    /// The conversion step of an enum recreated without some values
    /// (``EnumValueRemoved`` reports it): to a new enum, from one the file renames away.
    static func isEnumRecreation(
        from old: TypeName, to new: TypeName, _ located: StatementAction, _ statement: LintedStatement, _ context: LintContext
    ) -> Bool {
        guard context.knowledge.type(named: TableReference(schema: new.schema, name: new.name))?.isNew == true else { return false }
        return context.after(located, in: statement) { action in
            guard case .rename(let rename) = action, rename.kind == .type else { return false }
            return rename.from.name == old.name
        }
    }
}

/// Which type changes keep every value and every reader working, and which need no rewrite.
enum TypeChange {
    private static let integers = ["int2", "int4", "int8"]

    /// Whether every old value fits the new type unchanged.
    static func widens(from old: TypeName, to new: TypeName) -> Bool {
        if isBinaryCompatible(from: old, to: new) { return true }
        guard old.isArray == new.isArray else { return false }
        if let from = integers.firstIndex(of: old.name), let to = integers.firstIndex(of: new.name) { return from <= to }
        if old.name == "float4", new.name == "float8" { return true }
        if old.name == "timestamp", new.name == "timestamptz" { return true }
        return false
    }

    /// Whether PostgreSQL changes the type without rewriting the table: the
    /// binary-coercible changes that keep every value (varchar widened or to
    /// text, numeric precision raised with its scale kept, cidr to inet).
    static func isBinaryCompatible(from old: TypeName, to new: TypeName) -> Bool {
        guard old.isArray == new.isArray else { return false }
        if old == new { return true }
        switch (old.name, new.name) {
        case ("varchar", "text"):
            return true
        case ("text", "varchar"):
            return new.modifiers.isEmpty
        case ("varchar", "varchar"):
            guard let wider = new.modifiers.first else { return true }
            return old.modifiers.first.map { $0 <= wider } ?? false
        case ("numeric", "numeric"):
            guard new.modifiers.count >= 1 else { return true }
            guard old.modifiers.count >= 1 else { return false }
            let oldScale = old.modifiers.count > 1 ? old.modifiers[1] : 0
            let newScale = new.modifiers.count > 1 ? new.modifiers[1] : 0
            return oldScale == newScale && old.modifiers[0] <= new.modifiers[0]
        case ("varbit", "varbit"):
            guard let wider = new.modifiers.first else { return true }
            return old.modifiers.first.map { $0 <= wider } ?? false
        case ("cidr", "inet"):
            return true
        default:
            return false
        }
    }
}
