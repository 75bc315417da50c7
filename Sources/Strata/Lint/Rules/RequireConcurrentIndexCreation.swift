/// `CREATE INDEX` without `CONCURRENTLY` on an existing table.
struct RequireConcurrentIndexCreation: LintRule {
    let triggers: Set<ActionKind>? = [.createIndex]
    let info = LintRuleInfo(
        id: "require-concurrent-index-creation", family: .locking, severity: .warning,
        summary: "Building an index without CONCURRENTLY blocks writes to the table.",
        why: "CREATE INDEX holds SHARE on the table while it reads every row: inserts, updates and deletes wait until the build ends "
            + "(minutes on a large table).",
        fix: "-- strata:transaction off\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
        scalesWithTableSize: true,
        recipe: .addIndex,
        examples: [
            .fires("CREATE INDEX users_email_idx ON users (email);", after: ["CREATE TABLE users (id int, email text);"]),
            .passes("CREATE TABLE users (id int, email text);\nCREATE INDEX users_email_idx ON users (email);", "the table is new, so empty"),
            .passes("-- strata:transaction off\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);", after: ["CREATE TABLE users (id int, email text);"]),
            .passes("CREATE INDEX \"users_email_idx\" ON \"users\" (\"email\");", after: ["CREATE TABLE users (id INTEGER, email TEXT);"], in: .sqlite,
                    "SQLite has no concurrent build; its writers are serialized anyway"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .createIndex(let build) = located.action, !build.concurrently,
                  let lock = context.blockingLock(statement, on: build.table)
            else { return nil }
            return LintViolation(
                "Building index \(build.name ?? "on \(build.table)") takes \(lock.mode.name) on \(build.table): writes wait until it is built",
                at: located.byteOffset, relation: build.table,
                fix: statement.inserting("CONCURRENTLY", after: ["CREATE UNIQUE INDEX", "CREATE INDEX"]).map {
                    "-- in a migration of its own (Strata then runs it outside a transaction):\n-- strata:transaction off\n\($0);"
                },
                // The recipe builds a plain index; a unique one is the add-unique recipe's only with its constraint.
                recipe: build.unique ? nil : RecipeRequest(recipe: .addIndex, table: build.table, columns: build.columns, name: build.name))
        }
    }
}
