/// `DROP DATABASE`.
struct BanDropDatabase: LintRule {
    let triggers: Set<ActionKind>? = [.drop]
    let info = LintRuleInfo(
        id: "ban-drop-database", family: .destructive, severity: .error,
        summary: "A migration drops a whole database.",
        why: "Every table in the database is deleted; no migration should do this. It also cannot run in a transaction.",
        fix: "-- drop databases by hand, with a backup, outside the migration history:\n-- pg_dump --format=custom old_reports > old_reports.dump && dropdb old_reports",
        examples: [
            .fires("DROP DATABASE old_reports;"),
            .passes("SELECT 'DROP DATABASE x';", "a string is not a statement"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .database else { return [] }
            return drop.names.map { LintViolation("Dropping database \($0.name) deletes every table in it", at: located.byteOffset) }
        }
    }
}
