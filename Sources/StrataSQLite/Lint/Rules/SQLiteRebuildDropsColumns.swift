import Strata

/// A table rebuild that does not copy every column of the old table.
struct SQLiteRebuildDropsColumns: LintRule {
    let triggers: Set<ActionKind>? = [.copyRows]
    let info = LintRuleInfo(
        id: "sqlite-rebuild-drops-columns", family: .sqlite, severity: .warning,
        summary: "A table rebuild that leaves out columns deletes their data.",
        why: "The rows are copied into the new table by `INSERT ... SELECT`; a column of the old table not copied is lost when the "
            + "old table is dropped, and the running code that reads it fails.",
        fix: "-- release N: the code stops using the column; release N+1:\n-- strata:lint-ignore sqlite-rebuild-drops-columns unused since release N",
        examples: [
            .fires("CREATE TABLE \"new_users\" (\"id\" INTEGER PRIMARY KEY);\nINSERT INTO \"new_users\" (\"id\") SELECT \"id\" FROM \"users\";\nDROP TABLE \"users\";\nALTER TABLE \"new_users\" RENAME TO \"users\";",
                   after: ["CREATE TABLE users (id INTEGER PRIMARY KEY, bio TEXT);"], in: .sqlite),
            .passes("CREATE TABLE \"new_users\" (\"id\" INTEGER PRIMARY KEY, \"bio\" TEXT NOT NULL);\nINSERT INTO \"new_users\" (\"id\", \"bio\") SELECT \"id\", \"bio\" FROM \"users\";\nDROP TABLE \"users\";\nALTER TABLE \"new_users\" RENAME TO \"users\";",
                    after: ["CREATE TABLE users (id INTEGER PRIMARY KEY, bio TEXT);"], in: .sqlite),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .copyRows(let target, let source, let copied) = located.action, !copied.isEmpty,
                  context.knowledge.isNew(table: target), context.holdsRows(source),
                  let known = context.knowledge.columns(of: source)
            else { return nil }
            let lost = known.filter { !copied.contains($0) }.sorted()
            guard !lost.isEmpty else { return nil }
            return LintViolation(
                "Rebuilding \(source) leaves out " + lost.map { source.dot($0) }.joined(separator: ", ") + (lost.count == 1 ? ": its data is lost" : ": their data is lost"),
                at: located.byteOffset, relation: source)
        }
    }
}
