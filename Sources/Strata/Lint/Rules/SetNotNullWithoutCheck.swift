/// `SET NOT NULL` without a validated `CHECK (column IS NOT NULL)`.
struct SetNotNullWithoutCheck: LintRule {
    let triggers: Set<ActionKind>? = [.setNotNull]
    let info = LintRuleInfo(
        id: "set-not-null-without-check", family: .locking, severity: .warning,
        summary: "SET NOT NULL reads every row under ACCESS EXCLUSIVE.",
        why: "PostgreSQL proves no row is NULL by scanning the table while holding ACCESS EXCLUSIVE: all reads and writes wait. "
            + "A validated CHECK (column IS NOT NULL) lets it skip the scan (PostgreSQL 12 and later).",
        fix: "ALTER TABLE users ADD CONSTRAINT users_role_not_null CHECK (role IS NOT NULL) NOT VALID;\n-- next migration:\nALTER TABLE users VALIDATE CONSTRAINT users_role_not_null;\nALTER TABLE users ALTER COLUMN role SET NOT NULL;\nALTER TABLE users DROP CONSTRAINT users_role_not_null;",
        scalesWithTableSize: true,
        examples: [
            .fires("ALTER TABLE users ALTER COLUMN role SET NOT NULL;", after: ["CREATE TABLE users (id int, role text);"]),
            .passes("ALTER TABLE users VALIDATE CONSTRAINT users_role_not_null;\nALTER TABLE users ALTER COLUMN role SET NOT NULL;",
                    after: ["CREATE TABLE users (id int, role text);", "ALTER TABLE users ADD CONSTRAINT users_role_not_null CHECK (role IS NOT NULL) NOT VALID;"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .setNotNull(let table, let column) = located.action, context.blockingLock(statement, on: table) != nil,
                  !context.knowledge.hasValidatedNotNullCheck(on: table, column: column),
                  context.knowledge.column(column, of: table)?.isNew != true
            else { return nil }
            let check = context.quote("\(table.name)_\(column)_not_null")
            let name = context.sql(table)
            return LintViolation(
                "Setting \(table.dot(column)) NOT NULL reads every row while reads and writes wait", at: located.byteOffset, relation: table,
                fix: "ALTER TABLE \(name) ADD CONSTRAINT \(check) CHECK (\(context.quote(column)) IS NOT NULL) NOT VALID;\n-- next migration:\n"
                    + "ALTER TABLE \(name) VALIDATE CONSTRAINT \(check);\nALTER TABLE \(name) ALTER COLUMN \(context.quote(column)) SET NOT NULL;\n"
                    + "ALTER TABLE \(name) DROP CONSTRAINT \(check);")
        }
    }
}
