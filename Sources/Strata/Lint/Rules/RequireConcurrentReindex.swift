/// `REINDEX` without `CONCURRENTLY`.
struct RequireConcurrentReindex: LintRule {
    let triggers: Set<ActionKind>? = [.reindex]
    let info = LintRuleInfo(
        id: "require-concurrent-reindex", family: .locking, severity: .warning,
        summary: "REINDEX without CONCURRENTLY blocks writes, and reads that use the index.",
        why: "REINDEX holds SHARE on the table (writes wait) and ACCESS EXCLUSIVE on each index it rebuilds (queries using it wait).",
        fix: "-- strata:transaction off\nREINDEX INDEX CONCURRENTLY users_email_idx;",
        scalesWithTableSize: true,
        examples: [
            .fires("REINDEX TABLE users;", after: ["CREATE TABLE users (id int);"]),
            .passes("-- strata:transaction off\nREINDEX TABLE CONCURRENTLY users;", after: ["CREATE TABLE users (id int);"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .reindex(let kind, let target, false) = located.action, kind == .index || kind == .table else { return nil }
            if kind == .table, !context.holdsRows(target) { return nil }
            if kind == .index, context.knowledge.index(named: target)?.isNew == true { return nil }
            let table = kind == .table ? target : context.knowledge.index(named: target)?.table
            return LintViolation("REINDEX \(kind.rawValue.uppercased()) \(target) blocks writes while it rebuilds", at: located.byteOffset, relation: table)
        }
    }
}
