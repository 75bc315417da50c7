/// `ALTER COLUMN ... SET NOT NULL` on an existing column.
struct SettingNotNull: LintRule {
    let triggers: Set<ActionKind>? = [.setNotNull]
    let info = LintRuleInfo(
        id: "setting-not-null", family: .backwardIncompatible, severity: .warning,
        summary: "Making a column NOT NULL breaks writers that leave it out.",
        why: "The running version may insert rows without the column (it may not know it yet); from this statement on those inserts fail. "
            + "Set it NOT NULL only after every writer fills it.",
        fix: "-- release N: every writer sets users.role; fill the old rows in batches\n-- release N+1:\nALTER TABLE users ALTER COLUMN role SET NOT NULL;",
        examples: [
            .fires("ALTER TABLE users ALTER COLUMN role SET NOT NULL;", after: ["CREATE TABLE users (id int, role text);"]),
            .passes("ALTER TABLE users ADD COLUMN role text;\nUPDATE users SET role = 'USER' WHERE role IS NULL;\nALTER TABLE users ALTER COLUMN role SET NOT NULL;",
                    after: ["CREATE TABLE users (id int);"], "a column added in the same run has no writers yet"),
            .passes("ALTER TABLE users ALTER COLUMN role SET NOT NULL;", after: ["CREATE TABLE users (id int, role text DEFAULT 'USER');"],
                    "writers that leave it out get the default"),
            .passes("ALTER TABLE users ALTER COLUMN role SET NOT NULL, ALTER COLUMN role SET DEFAULT 'USER';", after: ["CREATE TABLE users (id int, role text);"],
                    "the same statement gives it a default"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .setNotNull(let table, let column) = located.action, context.holdsRows(table),
                  context.knowledge.column(column, of: table)?.isNew != true,
                  // A writer that leaves out a column with a default gets the default, not NULL.
                  context.knowledge.column(column, of: table)?.hasDefault != true,
                  !statement.facts.plainActions.contains(where: { action in
                      if case .setDefault(let other, column, _) = action { return other.matches(table) }
                      return false
                  })
            else { return nil }
            return LintViolation(
                "Setting \(table.dot(column)) NOT NULL makes inserts that leave it out fail", at: located.byteOffset,
                fix: "-- release N: every writer sets \(table.dot(column)); fill the old rows in batches\n-- release N+1:\n"
                    + "ALTER TABLE \(context.sql(table)) ALTER COLUMN \(context.quote(column)) SET NOT NULL;")
        }
    }
}
