/// `ADD COLUMN ... NOT NULL` without a default, on a table with rows.
struct AddingRequiredColumn: LintRule {
    let triggers: Set<ActionKind>? = [.addColumn]
    let info = LintRuleInfo(
        id: "adding-required-column", family: .locking, severity: .error,
        summary: "Adding a NOT NULL column without a default fails on a table that has rows.",
        why: "Existing rows would hold NULL, so PostgreSQL refuses (`column ... contains null values`) and the migration fails; "
            + "and the running code's inserts, which do not know the column, would fail too.",
        fix: "-- a constant default fills existing rows without a rewrite (PostgreSQL 11 and later):\nALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'USER';",
        recipe: .addRequiredColumn,
        examples: [
            .fires("ALTER TABLE users ADD COLUMN role text NOT NULL;", after: ["CREATE TABLE users (id int);"]),
            .passes("ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'USER';", after: ["CREATE TABLE users (id int);"]),
            .passes("CREATE TABLE users (id int);\nALTER TABLE users ADD COLUMN role text NOT NULL;", "a new table is empty"),
            .fires("ALTER TABLE \"users\" ADD COLUMN \"role\" TEXT NOT NULL;", after: ["CREATE TABLE users (id INTEGER);"], in: .sqlite),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .addColumn(let table, let column) = located.action, column.notNull || column.primaryKey, column.defaultValue == nil,
                  column.generated == nil, !column.isSerial, context.holdsRows(table)
            else { return nil }
            if let rows = context.statistics(of: table)?.rows, rows == 0 { return nil }
            let type = column.type.map { " \($0)" } ?? ""
            return LintViolation(
                "Adding NOT NULL column \(table.dot(column.name)) without a default fails if \(table) has rows", at: located.byteOffset, relation: table,
                fix: "-- a constant default fills the existing rows without a rewrite (PostgreSQL 11 and later):\n"
                    + "ALTER TABLE \(context.sql(table)) ADD COLUMN \(context.quote(column.name))\(type) NOT NULL DEFAULT <value>;\n"
                    + "-- or add it nullable, fill it in batches, then make it NOT NULL through a validated CHECK",
                recipe: RecipeRequest(recipe: .addRequiredColumn, table: table, column: column.name, type: column.type?.description))
        }
    }
}
