/// `REFRESH MATERIALIZED VIEW` without `CONCURRENTLY`.
struct RequireConcurrentRefresh: LintRule {
    let triggers: Set<ActionKind>? = [.refreshMaterializedView]
    let info = LintRuleInfo(
        id: "require-concurrent-refresh", family: .locking, severity: .warning,
        summary: "REFRESH MATERIALIZED VIEW without CONCURRENTLY blocks reads of the view.",
        why: "It recomputes the view under ACCESS EXCLUSIVE: every query reading it waits until the refresh ends.",
        fix: "-- needs a unique index on the view:\nREFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;",
        examples: [
            .fires("REFRESH MATERIALIZED VIEW daily_totals;"),
            .passes("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals;"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .refreshMaterializedView(let view, false) = located.action, !context.knowledge.created(.materializedView, view) else { return nil }
            return LintViolation("Refreshing \(view) blocks every query that reads it until the refresh ends", at: located.byteOffset, relation: view)
        }
    }
}
