/// `DROP TABLE` of a table that existed before the run.
struct BanDropTable: LintRule {
    let triggers: Set<ActionKind>? = [.drop]
    let info = LintRuleInfo(
        id: "ban-drop-table", family: .destructive, severity: .warning,
        summary: "Dropping a table deletes its rows.",
        why: "The table's data is gone once the transaction commits, and code still reading the table fails at once. "
            + "Deploy the code that stops using it first, and keep a backup.",
        fix: "-- after the release that stops using it (deploy backs up its rows first):\n-- strata:lint-ignore ban-drop-table no code reads users since v42\nDROP TABLE users;",
        examples: [
            .fires("DROP TABLE users;", after: ["CREATE TABLE users (id bigint PRIMARY KEY);"]),
            .passes("CREATE TABLE scratch (id int);\nDROP TABLE scratch;", "a table made in the same run holds nothing"),
            .passes("-- DROP TABLE users;\nSELECT 1;", "a comment is not a statement"),
            .passes("CREATE TABLE accounts (id bigint PRIMARY KEY, email text);\nINSERT INTO accounts (id, email) SELECT id, email FROM users;\nDROP TABLE users;",
                    after: ["CREATE TABLE users (id bigint PRIMARY KEY, email text);"], "its rows were copied into a new table first"),
            .passes(
                "CREATE TABLE new_users (id INTEGER PRIMARY KEY);\nINSERT INTO new_users (id) SELECT id FROM users;\nDROP TABLE users;\nALTER TABLE new_users RENAME TO users;",
                after: ["CREATE TABLE users (id INTEGER PRIMARY KEY);"], in: .sqlite, "a table rebuild copies the rows first"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .table else { return [] }
            return drop.names.filter { context.holdsRows($0) && !context.isRebuilt($0) && !context.knowledge.wasCopiedOut($0) }
                .map { LintViolation("Dropping table \($0) deletes its rows", at: located.byteOffset ?? statement.byteOffset, relation: $0) }
        }
    }
}

extension LintContext {
    /// Whether a dropped table comes back as a copy: rows copied out of it
    /// earlier in the file into a new table that a later statement renames to its name.
    func isRebuilt(_ table: TableReference) -> Bool {
        later { action in
            guard case .rename(let rename) = action, rename.kind == .table, rename.to == table.name else { return false }
            return knowledge.isNew(table: rename.from)
        }
    }
}
