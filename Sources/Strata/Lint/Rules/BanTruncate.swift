/// `TRUNCATE`.
struct BanTruncate: LintRule {
    let triggers: Set<ActionKind>? = [.truncate]
    let info = LintRuleInfo(
        id: "ban-truncate", family: .destructive, severity: .error,
        summary: "TRUNCATE deletes every row, under ACCESS EXCLUSIVE.",
        why: "Every row is gone, with no WHERE to limit it; with CASCADE, every table with a foreign key to it is emptied too. "
            + "It waits for and blocks all reads and writes on the table.",
        fix: "-- delete what must go in batches, outside the schema migration:\nDELETE FROM audit_log WHERE id IN (SELECT id FROM audit_log WHERE created_at < now() - interval '90 days' LIMIT 5000);",
        examples: [
            .fires("TRUNCATE audit_log;"),
            .fires("TRUNCATE users CASCADE;"),
            .passes("CREATE TABLE staging (id int);\nTRUNCATE staging;", "a table made in the same run"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .truncate(let tables, let cascade) = located.action else { return [] }
            return tables.filter(context.holdsRows).map {
                LintViolation("TRUNCATE deletes every row of \($0)" + (cascade ? ", and CASCADE empties every table that references it" : ""),
                              at: located.byteOffset, relation: $0)
            }
        }
    }
}
