/// `ALTER COLUMN ... DROP DEFAULT` on a NOT NULL column.
struct DroppingDefault: LintRule {
    let triggers: Set<ActionKind>? = [.dropDefault]
    let info = LintRuleInfo(
        id: "dropping-default", family: .backwardIncompatible, severity: .warning,
        summary: "Dropping the default of a NOT NULL column breaks writers that rely on it.",
        why: "Inserts of the running version that leave the column out got the default; now they fail with a not-null violation.",
        fix: "-- release N: every writer sets users.created_at itself\n-- release N+1:\nALTER TABLE users ALTER COLUMN created_at DROP DEFAULT;",
        examples: [
            .fires("ALTER TABLE users ALTER COLUMN created_at DROP DEFAULT;", after: ["CREATE TABLE users (id int, created_at timestamptz NOT NULL DEFAULT now());"]),
            .passes("ALTER TABLE users ALTER COLUMN nickname DROP DEFAULT;", after: ["CREATE TABLE users (id int, nickname text DEFAULT 'x');"], "a nullable column"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .dropDefault(let table, let column) = located.action, context.holdsRows(table),
                  let known = context.knowledge.column(column, of: table), known.notNull, !known.isNew
            else { return nil }
            return LintViolation(
                "Dropping the default of NOT NULL column \(table.dot(column)) makes inserts that leave it out fail", at: located.byteOffset,
                fix: "-- release N: every writer sets \(table.dot(column)) itself\n-- release N+1:\n"
                    + "ALTER TABLE \(context.sql(table)) ALTER COLUMN \(context.quote(column)) DROP DEFAULT;")
        }
    }
}
