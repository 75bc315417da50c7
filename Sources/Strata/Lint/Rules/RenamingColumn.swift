/// `ALTER TABLE ... RENAME COLUMN` on a table the running code uses.
struct RenamingColumn: LintRule {
    let triggers: Set<ActionKind>? = [.rename]
    let info = LintRuleInfo(
        id: "renaming-column", family: .backwardIncompatible, severity: .warning,
        summary: "Renaming a column breaks the code still using the old name.",
        why: "Until the new release is everywhere, the running version reads and writes the old name and fails.",
        fix: "-- expand/contract:\nALTER TABLE users ADD COLUMN full_name text;\n-- a trigger keeps name and full_name in sync, a backfill copies the rows,\n-- the release switches to full_name, and a later migration drops name",
        recipe: .renameColumn,
        examples: [
            .fires("ALTER TABLE users RENAME COLUMN name TO full_name;", after: ["CREATE TABLE users (id int, name text);"]),
            .fires("ALTER TABLE \"users\" RENAME COLUMN \"name\" TO \"full_name\";", after: ["CREATE TABLE users (id INTEGER, name TEXT);"], in: .sqlite),
            .passes("CREATE TABLE users (id int, nme text);\nALTER TABLE users RENAME COLUMN nme TO name;"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .rename(let rename) = located.action, rename.kind == .column, let table = rename.owner, context.holdsRows(table),
                  context.knowledge.column(rename.from.name, of: table)?.isNew != true
            else { return nil }
            return LintViolation(
                "Renaming column \(table.dot(rename.from.name)) to \(rename.to) breaks the running code", at: located.byteOffset,
                recipe: RecipeRequest(
                    recipe: .renameColumn, table: table, column: rename.from.name, newName: rename.to,
                    type: context.knowledge.column(rename.from.name, of: table)?.type?.description))
        }
    }
}
