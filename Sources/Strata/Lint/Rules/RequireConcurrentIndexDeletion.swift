/// `DROP INDEX` without `CONCURRENTLY` of an index that existed before the run.
struct RequireConcurrentIndexDeletion: LintRule {
    let triggers: Set<ActionKind>? = [.drop]
    let info = LintRuleInfo(
        id: "require-concurrent-index-deletion", family: .locking, severity: .warning,
        summary: "Dropping an index without CONCURRENTLY blocks reads and writes of its table.",
        why: "DROP INDEX takes ACCESS EXCLUSIVE on the table; if a long query holds the table, every query behind the DROP waits too.",
        fix: "-- strata:transaction off\nDROP INDEX CONCURRENTLY users_email_idx;",
        scalesWithTableSize: true,
        examples: [
            .fires("DROP INDEX users_email_idx;", after: ["CREATE TABLE users (id int, email text);\nCREATE INDEX users_email_idx ON users (email);"]),
            .passes("-- strata:transaction off\nDROP INDEX CONCURRENTLY users_email_idx;", after: ["CREATE TABLE users (id int, email text);\nCREATE INDEX users_email_idx ON users (email);"]),
            .passes("CREATE INDEX tmp_idx ON users (email);\nDROP INDEX tmp_idx;", after: ["CREATE TABLE users (id int, email text);"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        guard statement.facts.locks.contains(where: { $0.mode.blocksWrites }) else { return [] }
        return statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .index, !drop.concurrently else { return [] }
            return drop.names.compactMap { index in
                let known = context.knowledge.index(named: index)
                if known?.isNew == true { return nil }
                let table = known?.table
                if let table, !context.holdsRows(table) { return nil }
                return LintViolation(
                    "Dropping index \(index) takes ACCESS EXCLUSIVE on " + (table.map { "\($0)" } ?? "its table") + ": reads and writes wait",
                    at: located.byteOffset, relation: table,
                    fix: "-- in a migration of its own:\n-- strata:transaction off\nDROP INDEX CONCURRENTLY \(context.sql(index));")
            }
        }
    }
}
