/// `ADD CHECK` without `NOT VALID` on an existing table.
struct CheckWithoutNotValid: LintRule {
    let triggers: Set<ActionKind>? = [.addConstraint]
    let info = LintRuleInfo(
        id: "check-without-not-valid", family: .locking, severity: .warning,
        summary: "Adding a check constraint reads every row under ACCESS EXCLUSIVE.",
        why: "ADD CONSTRAINT ... CHECK holds ACCESS EXCLUSIVE while it validates every row: all reads and writes of the table wait.",
        fix: "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\n-- in the next migration:\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;",
        scalesWithTableSize: true,
        recipe: .addCheck,
        examples: [
            .fires("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);", after: ["CREATE TABLE orders (id int, total int);"]),
            .passes("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;", after: ["CREATE TABLE orders (id int, total int);"]),
            .passes("CREATE TABLE orders (id int, total int);\nALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0);"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .addConstraint(let table, let constraint) = located.action, case .check = constraint.kind,
                  !constraint.notValid, context.blockingLock(statement, on: table) != nil
            else { return nil }
            return LintViolation(
                "Adding check \(constraint.name ?? "") on \(table) reads every row while reads and writes wait", at: located.byteOffset, relation: table,
                fix: constraint.name.map { name in
                    statement.sql + " NOT VALID;\n-- in the next migration (reads and writes go on meanwhile):\n"
                        + "ALTER TABLE \(context.sql(table)) VALIDATE CONSTRAINT \(context.quote(name));"
                },
                recipe: RecipeRequest(recipe: .addCheck, table: table, name: constraint.name))
        }
    }
}
