/// `DROP CONSTRAINT` on an existing table, unless the file adds it back.
struct BanDropConstraint: LintRule {
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
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .dropConstraint(let table, let name, _) = located.action, context.holdsRows(table) else { return nil }
            let addedBack = context.later { action in
                if case .addConstraint(let other, let constraint) = action { return other.matches(table) && constraint.name == name }
                return false
            }
            return addedBack ? nil : LintViolation("Dropping constraint \(name) on \(table) stops checking its rows", at: located.byteOffset)
        }
    }
}
