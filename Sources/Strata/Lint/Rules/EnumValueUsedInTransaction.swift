/// An enum value used in the transaction that added it.
struct EnumValueUsedInTransaction: LintRule {
    let info = LintRuleInfo(
        id: "enum-value-used-in-transaction", family: .transactions, severity: .error,
        summary: "A new enum value cannot be used before the transaction that added it commits.",
        why: "PostgreSQL fails with `unsafe use of new value` when a statement in the same transaction stores or compares the value.",
        fix: "-- migration 1:\nALTER TYPE status ADD VALUE 'ARCHIVED';\n-- migration 2:\nUPDATE tasks SET status = 'ARCHIVED' WHERE done_at < now() - interval '1 year';",
        examples: [
            .fires("-- strata:transaction on\nALTER TYPE status ADD VALUE 'ARCHIVED';\nALTER TABLE tasks ALTER COLUMN status SET DEFAULT 'ARCHIVED';",
                   after: ["CREATE TYPE status AS ENUM ('OPEN');\nCREATE TABLE tasks (id int, status status);"]),
            .passes("ALTER TYPE status ADD VALUE 'ARCHIVED';\nALTER TABLE tasks ALTER COLUMN status SET DEFAULT 'ARCHIVED';",
                    after: ["CREATE TYPE status AS ENUM ('OPEN');\nCREATE TABLE tasks (id int, status status);"],
                    "without a directive Strata runs the ADD VALUE on its own, committed first"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        guard let transaction = statement.transaction else { return [] }
        return context.knowledge.enumValuesAdded(inTransaction: transaction)
            .filter { statement.facts.stringConstants.contains($0.value) }
            .map { LintViolation("'\($0.value)' was added to \($0.type) in this transaction, so it cannot be used before it commits") }
    }
}
