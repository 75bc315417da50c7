/// `VALIDATE CONSTRAINT` in the transaction that added the constraint `NOT VALID`.
struct ValidateInSameTransaction: LintRule {
    let triggers: Set<ActionKind>? = [.validateConstraint]
    let info = LintRuleInfo(
        id: "validate-in-same-transaction", family: .locking, severity: .warning,
        summary: "Validating in the same transaction as NOT VALID keeps the strong lock through the scan.",
        why: "NOT VALID exists so that the check runs later under a weak lock; in the same transaction, the ADD's lock "
            + "(ACCESS EXCLUSIVE or SHARE ROW EXCLUSIVE) is still held while VALIDATE reads every row.",
        fix: "-- migration 1:\nALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;\n-- migration 2:\nALTER TABLE orders VALIDATE CONSTRAINT orders_user_fkey;",
        scalesWithTableSize: true,
        examples: [
            .fires("ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;\nALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;",
                   after: ["CREATE TABLE orders (id int, total int);"]),
            .passes("ALTER TABLE orders VALIDATE CONSTRAINT orders_total_positive;",
                    after: ["CREATE TABLE orders (id int, total int);", "ALTER TABLE orders ADD CONSTRAINT orders_total_positive CHECK (total >= 0) NOT VALID;"],
                    "validated in a later migration"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        guard let transaction = statement.transaction else { return [] }
        return statement.facts.actions.compactMap { located in
            guard case .validateConstraint(let table, let name) = located.action,
                  let constraint = context.knowledge.constraint(named: name, on: table), constraint.addedNotValidIn == transaction,
                  context.holdsRows(table)
            else { return nil }
            return LintViolation("Validating \(name) in the transaction that added it NOT VALID holds its strong lock through the scan",
                                 at: located.byteOffset, relation: table)
        }
    }
}
