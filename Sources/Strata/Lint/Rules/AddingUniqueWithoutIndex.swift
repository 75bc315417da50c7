/// `ADD UNIQUE` / `ADD PRIMARY KEY` without `USING INDEX`.
struct AddingUniqueWithoutIndex: LintRule {
    let triggers: Set<ActionKind>? = [.addConstraint]
    let info = LintRuleInfo(
        id: "adding-unique-without-index", family: .locking, severity: .warning,
        summary: "Adding a unique or primary key constraint builds its index under ACCESS EXCLUSIVE.",
        why: "The constraint's index is built in place while the table is locked against reads and writes.",
        fix: "-- strata:transaction off\nCREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);\n-- next migration:\nALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
        scalesWithTableSize: true,
        recipe: .addUnique,
        examples: [
            .fires("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE (email);", after: ["CREATE TABLE users (id int, email text);"]),
            .fires("ALTER TABLE users ADD PRIMARY KEY (id);", after: ["CREATE TABLE users (id int, email text);"]),
            .passes("ALTER TABLE users ADD CONSTRAINT users_email_key UNIQUE USING INDEX users_email_key;",
                    after: ["CREATE TABLE users (id int, email text);", "CREATE UNIQUE INDEX CONCURRENTLY users_email_key ON users (email);"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .addConstraint(let table, let constraint) = located.action, constraint.usingIndex == nil,
                  constraint.kind == .unique || constraint.kind == .primaryKey, context.blockingLock(statement, on: table) != nil
            else { return nil }
            let what = constraint.kind == .primaryKey ? "a primary key" : "unique constraint \(constraint.name ?? "")"
            return LintViolation(
                "Adding \(what) on \(table) builds its index while reads and writes wait", at: located.byteOffset, relation: table,
                recipe: constraint.kind == .unique
                    ? RecipeRequest(recipe: .addUnique, table: table, columns: constraint.columns, name: constraint.name) : nil)
        }
    }
}
