/// `ADD COLUMN ... DEFAULT` with a value computed per row.
struct AddingVolatileDefault: LintRule {
    let triggers: Set<ActionKind>? = [.addColumn]
    let info = LintRuleInfo(
        id: "adding-volatile-default", family: .locking, severity: .warning,
        summary: "A column added with a volatile default rewrites the table under ACCESS EXCLUSIVE.",
        why: "A constant default (or now()) is stored once in the catalog; a volatile one (gen_random_uuid(), random(), clock_timestamp()) "
            + "is computed for every row, so PostgreSQL rewrites the whole table while all reads and writes wait.",
        fix: "ALTER TABLE users ADD COLUMN token uuid;\nALTER TABLE users ALTER COLUMN token SET DEFAULT gen_random_uuid();\n-- then fill the old rows in batches of a few thousand, each its own transaction",
        scalesWithTableSize: true,
        recipe: .addRequiredColumn,
        examples: [
            .fires("ALTER TABLE users ADD COLUMN token uuid DEFAULT gen_random_uuid();", after: ["CREATE TABLE users (id int);"]),
            .fires("ALTER TABLE users ADD COLUMN token uuid NOT NULL DEFAULT gen_random_uuid();", after: ["CREATE TABLE users (id int);"],
                   "NOT NULL as well: the add-required-column recipe fills it in batches"),
            .passes("ALTER TABLE users ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();", after: ["CREATE TABLE users (id int);"], "now() is the same for every row"),
            .passes("ALTER TABLE users ADD COLUMN role text NOT NULL DEFAULT 'USER';", after: ["CREATE TABLE users (id int);"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .addColumn(let table, let column) = located.action, let value = column.defaultValue, value.volatility != .constant,
                  column.generated == nil, !column.isSerial, context.blockingLock(statement, on: table) != nil
            else { return nil }
            let function = value.function.map { "\($0)()" } ?? "its default"
            let message = value.volatility == .volatile
                ? "Adding \(table.dot(column.name)) with default \(function) rewrites \(table) while reads and writes wait"
                : "Adding \(table.dot(column.name)) with default \(function) rewrites \(table) if \(function) is VOLATILE"
            // Only a NOT NULL column is what the recipe builds; a nullable one needs no more than the recipe's first two steps.
            let recipe = column.notNull ? RecipeRequest(recipe: .addRequiredColumn, table: table, column: column.name, type: column.type?.description) : nil
            return LintViolation(message, at: located.byteOffset, relation: table, recipe: recipe)
        }
    }
}
