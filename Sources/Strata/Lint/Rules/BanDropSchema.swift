/// `DROP SCHEMA`.
struct BanDropSchema: LintRule {
    let triggers: Set<ActionKind>? = [.drop]
    let info = LintRuleInfo(
        id: "ban-drop-schema", family: .destructive, severity: .error,
        summary: "Dropping a schema deletes everything in it.",
        why: "With CASCADE every table, view and function in the schema goes, with its data; without it the statement fails as soon as the schema holds anything.",
        fix: "-- drop the objects one by one, each in the release that stops using it:\nDROP TABLE reporting.daily_totals;",
        examples: [
            .fires("DROP SCHEMA reporting CASCADE;"),
            .passes("CREATE SCHEMA scratch;\nDROP SCHEMA scratch;", "a schema made in the same run"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .schema else { return [] }
            return drop.names.filter { !context.knowledge.created(.schema, $0) }
                .map { LintViolation("Dropping schema \($0.name) deletes every object in it" + (drop.cascade ? " (CASCADE)" : ""), at: located.byteOffset) }
        }
    }
}
