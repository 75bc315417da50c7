/// `ALTER TABLE ... DROP COLUMN` on a table that existed before the run.
struct BanDropColumn: LintRule {
    let triggers: Set<ActionKind>? = [.dropColumn]
    let info = LintRuleInfo(
        id: "ban-drop-column", family: .destructive, severity: .warning,
        summary: "Dropping a column deletes its data.",
        why: "The column's values are gone, and the running code fails on it at once: `SELECT *` mappers and "
            + "inserts that name the column error out. Stop reading and writing it in one release, drop it in the next.",
        fix: "-- release N: the code stops reading and writing users.legacy_flags\n-- release N+1 (deploy backs up the column's values first):\n-- strata:lint-ignore ban-drop-column unused since release N\nALTER TABLE users DROP COLUMN legacy_flags;",
        examples: [
            .fires("ALTER TABLE users DROP COLUMN email;", after: ["CREATE TABLE users (id int, email text);"]),
            .fires("ALTER TABLE \"User\" DROP COLUMN \"name\";", after: ["CREATE TABLE \"User\" (\"id\" TEXT, \"name\" TEXT);"], in: .sqlite),
            .passes("CREATE TABLE t (id int, tmp text);\nALTER TABLE t DROP COLUMN tmp;", "a new table holds nothing"),
            .passes("ALTER TABLE users ADD COLUMN draft text;\nALTER TABLE users DROP COLUMN draft;", after: ["CREATE TABLE users (id int);"],
                    "a column added by the same run holds nothing yet"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .dropColumn(let table, let column, _) = located.action, context.holdsRows(table),
                  context.knowledge.column(column, of: table)?.isNew != true
            else { return nil }
            return LintViolation(
                "Dropping column \(table.dot(column)) deletes its data", at: located.byteOffset, relation: table,
                fix: "-- release N: the code stops reading and writing \(table.dot(column)); release N+1 (deploy backs up its values first):\n"
                    + "-- strata:lint-ignore ban-drop-column unused since release N\nALTER TABLE \(context.sql(table)) DROP COLUMN \(context.quote(column));")
        }
    }
}
