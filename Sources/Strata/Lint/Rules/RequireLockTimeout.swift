/// A strong lock with no `lock_timeout`, when Strata's own is turned off.
struct RequireLockTimeout: LintRule {
    let info = LintRuleInfo(
        id: "require-lock-timeout", family: .advice, severity: .info,
        summary: "A strong lock without lock_timeout can stall every query behind it.",
        why: "While the statement waits for its lock (behind a long query), every query on the table queues behind it. Strata sets "
            + "a short lock_timeout for each statement and retries; with statement_lock_timeout turned off, set one in the migration.",
        fix: "SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;",
        examples: [
            .fires("ALTER TABLE users ADD COLUMN bio text;", after: ["CREATE TABLE users (id int);"], "with statement_lock_timeout off")
                .withStatementLockTimeoutOff(),
            .passes("SET lock_timeout = '2s';\nALTER TABLE users ADD COLUMN bio text;", after: ["CREATE TABLE users (id int);"])
                .withStatementLockTimeoutOff(),
            .passes("ALTER TABLE users ADD COLUMN bio text;", after: ["CREATE TABLE users (id int);"], "Strata's own lock_timeout is on"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        guard context.statementLockTimeout == nil, !context.migrationSetsLockTimeout,
              let lock = statement.facts.locks.first(where: { $0.mode.blocksWrites && context.holdsRows($0.relation) })
        else { return [] }
        return [LintViolation("\(lock.mode.name) on \(lock.relation) is taken with no lock_timeout", relation: lock.relation)]
    }
}
