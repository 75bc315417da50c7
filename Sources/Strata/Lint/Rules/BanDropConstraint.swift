/// `DROP CONSTRAINT` on an existing table, unless the file adds it back.
struct BanDropConstraint: LintRule {
    let triggers: Set<ActionKind>? = [.dropConstraint]
    let info = LintRuleInfo(
        id: "ban-drop-constraint", family: .destructive, severity: .warning,
        summary: "Dropping a constraint lets bad rows in.",
        why: "Once dropped, nothing stops duplicates, orphans or invalid values; adding it back later needs every row "
            + "to pass again. (A constraint dropped and added back in the same migration is a change, not a loss.)",
        fix: "-- to change a constraint, drop and add it back in one migration:\nALTER TABLE orders DROP CONSTRAINT orders_user_fkey;\nALTER TABLE orders ADD CONSTRAINT orders_user_fkey FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE NOT VALID;",
        examples: [
            .fires("ALTER TABLE orders DROP CONSTRAINT orders_total_check;", after: ["CREATE TABLE orders (id int, total int CONSTRAINT orders_total_check CHECK (total > 0));"]),
            .passes(
                "ALTER TABLE \"Post\" DROP CONSTRAINT \"Post_authorId_fkey\";\nALTER TABLE \"Post\" ADD CONSTRAINT \"Post_authorId_fkey\" FOREIGN KEY (\"authorId\") REFERENCES \"User\"(\"id\") ON DELETE CASCADE ON UPDATE CASCADE;",
                after: ["CREATE TABLE \"User\" (\"id\" TEXT PRIMARY KEY);\nCREATE TABLE \"Post\" (\"id\" TEXT, \"authorId\" TEXT);"],
                "Prisma changing onDelete: the constraint comes straight back"),
            .passes("ALTER TABLE \"Theme\" DROP CONSTRAINT \"Theme_userId_fkey\";\nDROP TABLE \"Theme\";",
                    after: ["CREATE TABLE \"Theme\" (\"id\" INT, \"userId\" INT, CONSTRAINT \"Theme_userId_fkey\" FOREIGN KEY (\"userId\") REFERENCES \"Theme\"(\"id\"));"],
                    "the table goes too: ban-drop-table reports that"),
            .passes("ALTER TABLE \"OAuth\" DROP CONSTRAINT \"OAuth_userId_fkey\";\nALTER TABLE \"OAuth\" DROP COLUMN \"userId\";",
                    after: ["CREATE TABLE \"User\" (\"id\" INT PRIMARY KEY);\nCREATE TABLE \"OAuth\" (\"id\" INT, \"userId\" INT, CONSTRAINT \"OAuth_userId_fkey\" FOREIGN KEY (\"userId\") REFERENCES \"User\"(\"id\"));"],
                    "its column goes too: ban-drop-column reports that"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .dropConstraint(let table, let name, _) = located.action, context.holdsRows(table) else { return nil }
            let columns = context.knowledge.constraint(named: name, on: table)?.columns ?? []
            let settledLater = context.after(located, in: statement) { action in
                switch action {
                case .addConstraint(let other, let constraint): other.matches(table) && constraint.name == name
                case .drop(let drop): drop.kind == .table && drop.names.contains { $0.matches(table) }
                case .dropColumn(let other, let column, _): other.matches(table) && columns.contains(column)
                default: false
                }
            }
            return settledLater ? nil : LintViolation("Dropping constraint \(name) on \(table) stops checking its rows", at: located.byteOffset)
        }
    }
}
