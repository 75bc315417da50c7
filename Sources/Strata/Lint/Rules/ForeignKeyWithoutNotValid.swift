/// `ADD FOREIGN KEY` without `NOT VALID` on an existing table.
struct ForeignKeyWithoutNotValid: LintRule {
    let triggers: Set<ActionKind>? = [.addConstraint]
    let info = LintRuleInfo(
        id: "foreign-key-without-not-valid", family: .locking, severity: .warning,
        summary: "Adding a foreign key checks every row while blocking writes on both tables.",
        why: "ADD FOREIGN KEY takes SHARE ROW EXCLUSIVE on the table and the table it references, and reads every row of the "
            + "table to validate it: writes to both wait until it ends.",
        fix: "ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- in the next migration (reads and writes go on meanwhile):\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fkey;",
        scalesWithTableSize: true,
        recipe: .addForeignKey,
        examples: [
            .fires("ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
                   after: ["CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE orders (id int, user_id int);"]),
            .passes("ALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;",
                    after: ["CREATE TABLE users (id int PRIMARY KEY);\nCREATE TABLE orders (id int, user_id int);"]),
            .passes("CREATE TABLE orders (id int, user_id int);\nALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id);",
                    after: ["CREATE TABLE users (id int PRIMARY KEY);"], "a new table referencing an existing one: only the new, empty table is checked"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .addConstraint(let table, let constraint) = located.action, case .foreignKey(let referenced) = constraint.kind,
                  !constraint.notValid, context.holdsRows(table), context.blockingLock(statement, on: table) != nil
            else { return nil }
            return LintViolation(
                "Adding foreign key \(constraint.name ?? "") on \(table) checks every row while writes to \(table) and \(referenced) wait",
                at: located.byteOffset, relation: table,
                fix: constraint.name.map { name in
                    statement.sql + " NOT VALID;\n-- in the next migration (reads and writes go on meanwhile):\n"
                        + "ALTER TABLE \(context.sql(table)) VALIDATE CONSTRAINT \(context.quote(name));"
                },
                recipe: RecipeRequest(
                    recipe: .addForeignKey, table: table, columns: constraint.columns, references: referenced, name: constraint.name))
        }
    }
}
