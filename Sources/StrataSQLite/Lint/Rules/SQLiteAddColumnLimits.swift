import Strata

/// What SQLite's `ALTER TABLE ... ADD COLUMN` refuses.
struct SQLiteAddColumnLimits: LintRule {
    let triggers: Set<ActionKind>? = [.addColumn]
    let info = LintRuleInfo(
        id: "sqlite-add-column-limits", family: .sqlite, severity: .error,
        summary: "SQLite cannot add this column with ALTER TABLE.",
        why: "ADD COLUMN refuses a PRIMARY KEY or UNIQUE column, a default of CURRENT_TIME/CURRENT_DATE/CURRENT_TIMESTAMP or an "
            + "expression in parentheses, and a STORED generated column: the migration fails at that statement.",
        fix: "-- rebuild the table (SQLite's 12 steps; strata migrate dev writes them):\nCREATE TABLE \"new_users\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT UNIQUE);\nINSERT INTO \"new_users\" (\"id\") SELECT \"id\" FROM \"users\";\nDROP TABLE \"users\";\nALTER TABLE \"new_users\" RENAME TO \"users\";",
        examples: [
            .fires("ALTER TABLE users ADD COLUMN email TEXT UNIQUE;", after: ["CREATE TABLE users (id INTEGER PRIMARY KEY);"], in: .sqlite),
            .fires("ALTER TABLE users ADD COLUMN created_at TEXT DEFAULT CURRENT_TIMESTAMP;", after: ["CREATE TABLE users (id INTEGER PRIMARY KEY);"], in: .sqlite),
            .passes("ALTER TABLE users ADD COLUMN bio TEXT DEFAULT '';", after: ["CREATE TABLE users (id INTEGER PRIMARY KEY);"], in: .sqlite),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .addColumn(let table, let column) = located.action else { return nil }
            let problem: String? =
                column.primaryKey ? "a PRIMARY KEY column"
                : column.unique ? "a UNIQUE column"
                : column.generated == .stored ? "a STORED generated column"
                : column.defaultValue?.volatility == .volatile ? "a column whose default is \(column.defaultValue?.function ?? "not a constant")"
                : nil
            return problem.map { LintViolation("SQLite cannot add \($0) (\(table.dot(column.name))) with ALTER TABLE", at: located.byteOffset) }
        }
    }
}
