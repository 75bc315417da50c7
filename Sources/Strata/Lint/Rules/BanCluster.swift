/// `CLUSTER`.
struct BanCluster: LintRule {
    let triggers: Set<ActionKind>? = [.cluster]
    let info = LintRuleInfo(
        id: "ban-cluster", family: .locking, severity: .error,
        summary: "CLUSTER rewrites the table under ACCESS EXCLUSIVE.",
        why: "It copies the table in index order while all reads and writes wait.",
        fix: "-- reorder online with pg_repack:\n-- pg_repack --table users --order-by created_at mydb",
        scalesWithTableSize: true,
        examples: [
            .fires("CLUSTER users USING users_created_idx;", after: ["CREATE TABLE users (id int, created_at timestamptz);"]),
            .passes("CREATE TABLE t (id int);\nCREATE INDEX t_idx ON t (id);\nCLUSTER t USING t_idx;"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .cluster(let table) = located.action else { return nil }
            if let table, !context.holdsRows(table) { return nil }
            return LintViolation("CLUSTER " + (table.map { "rewrites \($0)" } ?? "rewrites every clustered table") + " while reads and writes wait",
                                 at: located.byteOffset, relation: table)
        }
    }
}
