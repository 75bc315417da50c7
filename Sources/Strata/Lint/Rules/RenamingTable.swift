/// `ALTER TABLE ... RENAME TO` of a table the running code uses.
struct RenamingTable: LintRule {
    let triggers: Set<ActionKind>? = [.rename]
    let info = LintRuleInfo(
        id: "renaming-table", family: .backwardIncompatible, severity: .warning,
        summary: "Renaming a table breaks the code still using the old name.",
        why: "Between the migration and the new release, every query of the running version naming the old table fails. "
            + "It also takes ACCESS EXCLUSIVE, briefly.",
        fix: "-- expand: rename, and leave a view under the old name for the running code\nALTER TABLE customer RENAME TO client;\nCREATE VIEW customer AS SELECT * FROM client;\n-- contract, after the release: DROP VIEW customer;",
        examples: [
            .fires("ALTER TABLE customer RENAME TO client;", after: ["CREATE TABLE customer (id int);"]),
            .passes("CREATE TABLE draft (id int);\nALTER TABLE draft RENAME TO final;", "a table made in the same run"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .rename(let rename) = located.action, rename.kind == .table, context.holdsRows(rename.from) else { return nil }
            return LintViolation("Renaming table \(rename.from) to \(rename.to) breaks queries of the running code", at: located.byteOffset)
        }
    }
}
