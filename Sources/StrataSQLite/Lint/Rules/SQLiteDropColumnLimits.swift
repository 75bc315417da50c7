import Strata

/// What SQLite's `ALTER TABLE ... DROP COLUMN` refuses.
struct SQLiteDropColumnLimits: LintRule {
    let triggers: Set<ActionKind>? = [.dropColumn]
    let info = LintRuleInfo(
        id: "sqlite-drop-column-limits", family: .sqlite, severity: .error,
        summary: "SQLite cannot drop a key, unique or indexed column with ALTER TABLE.",
        why: "DROP COLUMN (SQLite 3.35 and later) fails on a PRIMARY KEY or UNIQUE column and on a column an index uses "
            + "(also one in a foreign key, CHECK, generated column, view or trigger).",
        fix: "DROP INDEX \"users_email_idx\";\nALTER TABLE \"users\" DROP COLUMN \"email\";\n-- or rebuild the table without it",
        examples: [
            .fires("ALTER TABLE users DROP COLUMN email;", after: ["CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE INDEX users_email_idx ON users (email);"], in: .sqlite),
            .fires("ALTER TABLE users DROP COLUMN email;", after: ["CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT UNIQUE);"], in: .sqlite),
            .passes("ALTER TABLE users DROP COLUMN bio;", after: ["CREATE TABLE users (id INTEGER PRIMARY KEY, bio TEXT);"], in: .sqlite),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .dropColumn(let table, let column, _) = located.action else { return nil }
            if context.knowledge.column(column, of: table)?.isKey == true {
                return LintViolation("SQLite cannot drop \(table.dot(column)): it is a key or UNIQUE column", at: located.byteOffset)
            }
            let indexes = context.knowledge.indexes(on: table, including: column)
            guard !indexes.isEmpty else { return nil }
            return LintViolation("SQLite cannot drop \(table.dot(column)) while index \(indexes.sorted().joined(separator: ", ")) uses it; drop the index first",
                                 at: located.byteOffset)
        }
    }
}
