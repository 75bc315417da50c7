/// `UPDATE` / `DELETE` of every row of an existing table, in a schema migration.
struct UnfilteredDataChange: LintRule {
    let triggers: Set<ActionKind>? = [.update, .delete]
    let info = LintRuleInfo(
        id: "unfiltered-data-change", family: .data, severity: .warning,
        summary: "Updating or deleting every row belongs in a data migration, not a schema migration.",
        why: "One statement over the whole table holds row locks on every row until the migration commits (writers of any row wait), "
            + "bloats the table, and on a large table runs far longer than the schema change around it.",
        fix: "-- outside the schema migration, in batches of a few thousand rows, each its own transaction:\nUPDATE users SET role = 'USER' WHERE id IN (SELECT id FROM users WHERE role IS NULL ORDER BY id LIMIT 5000);",
        scalesWithTableSize: true,
        examples: [
            .fires("UPDATE users SET role = 'USER';", after: ["CREATE TABLE users (id int, role text);"]),
            .fires("DELETE FROM sessions;", after: ["CREATE TABLE sessions (id int);"]),
            .passes("UPDATE settings SET value = 'on' WHERE id = 1;", after: ["CREATE TABLE settings (id int, value text);"], "a small, filtered change"),
            .passes("CREATE TABLE roles (id int, name text);\nINSERT INTO roles VALUES (1, 'admin');\nUPDATE roles SET name = upper(name);", "a table made in the same run"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            switch located.action {
            case .update(let table, false) where context.holdsRows(table):
                return LintViolation("UPDATE without WHERE changes every row of \(table) in the schema migration", at: located.byteOffset, relation: table)
            case .delete(let table, false) where context.holdsRows(table):
                return LintViolation("DELETE without WHERE removes every row of \(table) in the schema migration", at: located.byteOffset, relation: table)
            default:
                return nil
            }
        }
    }
}
