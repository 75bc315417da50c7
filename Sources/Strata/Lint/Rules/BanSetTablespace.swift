/// `ALTER TABLE ... SET TABLESPACE`.
struct BanSetTablespace: LintRule {
    let triggers: Set<ActionKind>? = [.setTablespace]
    let info = LintRuleInfo(
        id: "ban-set-tablespace", family: .locking, severity: .warning,
        summary: "Moving a table to another tablespace copies it under ACCESS EXCLUSIVE.",
        why: "Every data file of the table is copied while all reads and writes wait.",
        fix: "-- move it online with pg_repack --tablespace, or during a maintenance window",
        scalesWithTableSize: true,
        examples: [
            .fires("ALTER TABLE users SET TABLESPACE fast_ssd;", after: ["CREATE TABLE users (id int);"]),
            .passes("CREATE TABLE users (id int);\nALTER TABLE users SET TABLESPACE fast_ssd;"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .setTablespace(let table) = located.action, context.holdsRows(table) else { return nil }
            return LintViolation("SET TABLESPACE copies \(table) while reads and writes wait", at: located.byteOffset, relation: table)
        }
    }
}
