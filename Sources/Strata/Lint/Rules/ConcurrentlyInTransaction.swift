/// A statement the database refuses inside a transaction block, forced into one.
struct ConcurrentlyInTransaction: LintRule {
    let info = LintRuleInfo(
        id: "concurrently-in-transaction", family: .transactions, severity: .error,
        summary: "CONCURRENTLY (and other statements that refuse a transaction) cannot run inside one.",
        why: "PostgreSQL fails with `cannot run inside a transaction block`: `-- strata:transaction on` or the file's own BEGIN puts it in one.",
        fix: "-- strata:transaction off\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);",
        examples: [
            .fires("-- strata:transaction on\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);", after: ["CREATE TABLE users (id int, email text);"]),
            .fires("BEGIN;\nCREATE INDEX CONCURRENTLY users_email_idx ON users (email);\nCOMMIT;", after: ["CREATE TABLE users (id int, email text);"]),
            .passes("-- strata:transaction off\nDROP INDEX CONCURRENTLY users_email_idx;",
                    after: ["CREATE TABLE users (id int, email text);\nCREATE INDEX users_email_idx ON users (email);"]),
            .passes("CREATE INDEX CONCURRENTLY users_email_idx ON users (email);", after: ["CREATE TABLE users (id int, email text);"],
                    "without a directive Strata runs it outside a transaction"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        guard statement.inTransaction, case .mustRunOutsideTransaction(let reason) = statement.requirement else { return [] }
        return [LintViolation("\(reason.prefix(1).uppercased() + reason.dropFirst()), but this runs in one")]
    }
}
