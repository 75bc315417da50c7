/// `DETACH PARTITION` without `CONCURRENTLY`.
struct RequireConcurrentDetachPartition: LintRule {
    let triggers: Set<ActionKind>? = [.detachPartition]
    let info = LintRuleInfo(
        id: "require-concurrent-detach-partition", family: .locking, severity: .warning,
        summary: "DETACH PARTITION without CONCURRENTLY takes ACCESS EXCLUSIVE on the parent table.",
        why: "Every query on the partitioned table waits while the partition is detached.",
        fix: "-- strata:transaction off\nALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;",
        examples: [
            .fires("ALTER TABLE events DETACH PARTITION events_2023;", after: ["CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);"]),
            .passes("-- strata:transaction off\nALTER TABLE events DETACH PARTITION events_2023 CONCURRENTLY;", after: ["CREATE TABLE events (id int, at date) PARTITION BY RANGE (at);"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .detachPartition(let table, let partition, false) = located.action, context.holdsRows(table) else { return nil }
            return LintViolation("Detaching \(partition) takes ACCESS EXCLUSIVE on \(table): every query on it waits", at: located.byteOffset, relation: table)
        }
    }
}
