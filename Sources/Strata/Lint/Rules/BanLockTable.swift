/// `LOCK TABLE` in a mode that blocks writes.
struct BanLockTable: LintRule {
    let triggers: Set<ActionKind>? = [.lockTable]
    let info = LintRuleInfo(
        id: "ban-lock-table", family: .locking, severity: .warning,
        summary: "LOCK TABLE blocks the application for the rest of the migration's transaction.",
        why: "The lock is held until the transaction ends, so everything after it in the migration runs while the table is blocked.",
        fix: "-- let each statement take the lock it needs, with a lock_timeout:\nSET lock_timeout = '2s';",
        examples: [
            .fires("LOCK TABLE users IN ACCESS EXCLUSIVE MODE;", after: ["CREATE TABLE users (id int);"]),
            .passes("LOCK TABLE users IN ACCESS SHARE MODE;", after: ["CREATE TABLE users (id int);"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .lockTable(let tables, let mode) = located.action, mode.blocksWrites else { return [] }
            return tables.filter(context.holdsRows).map {
                LintViolation("LOCK TABLE \($0) IN \(mode.name) MODE makes \(mode.whatWaits) wait until the transaction ends", at: located.byteOffset, relation: $0)
            }
        }
    }
}
