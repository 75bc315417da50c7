/// `ALTER COLUMN ... TYPE` that rewrites the table.
struct ColumnTypeRewrite: LintRule {
    let triggers: Set<ActionKind>? = [.alterColumnType]
    let info = LintRuleInfo(
        id: "column-type-rewrite", family: .locking, severity: .warning,
        summary: "Changing a column's type rewrites the table and its indexes under ACCESS EXCLUSIVE.",
        why: "Unless the change is binary-compatible (varchar widened or to text, numeric precision raised with the same scale), "
            + "PostgreSQL writes a new copy of every row and rebuilds every index while all reads and writes wait.",
        fix: "-- expand/contract:\nALTER TABLE users ADD COLUMN id_new bigint;\n-- sync with a trigger, backfill in batches, swap in a short transaction",
        scalesWithTableSize: true,
        recipe: .changeColumnType,
        examples: [
            .fires("ALTER TABLE users ALTER COLUMN id TYPE bigint;", after: ["CREATE TABLE users (id int);"]),
            .fires("ALTER TABLE users ALTER COLUMN name TYPE text;", after: ["CREATE TABLE users (id int, name int);"]),
            .passes("ALTER TABLE users ALTER COLUMN name TYPE text;", after: ["CREATE TABLE users (id int, name varchar(50));"], "binary-compatible"),
            .passes("ALTER TABLE users ALTER COLUMN name TYPE varchar(100);", after: ["CREATE TABLE users (id int, name varchar(50));"], "binary-compatible"),
            .passes("ALTER TABLE prices ALTER COLUMN amount TYPE numeric(12,2);", after: ["CREATE TABLE prices (id int, amount numeric(10,2));"], "precision raised, scale kept"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .alterColumnType(let table, let column, let type) = located.action, context.blockingLock(statement, on: table) != nil,
                  context.knowledge.column(column, of: table)?.isNew != true
            else { return nil }
            let old = context.knowledge.column(column, of: table)?.type
            if let old, TypeChange.isBinaryCompatible(from: old, to: type) { return nil }
            return LintViolation(
                "Changing \(table.dot(column)) " + (old.map { "from \($0) " } ?? "") + "to \(type) rewrites \(table) while reads and writes wait",
                at: located.byteOffset, relation: table,
                recipe: RecipeRequest(recipe: .changeColumnType, table: table, column: column, type: type.description))
        }
    }
}
