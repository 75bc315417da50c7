import Strata

/// `varchar(n)`: prefer `text` (with a check when a limit matters).
struct PreferTextField: TypeAdviceRule {
    let info = LintRuleInfo(
        id: "prefer-text-field", family: .advice, severity: .info,
        summary: "Prefer text over varchar(n).",
        why: "varchar(n) stores the same as text; its only job is the limit, and raising the limit later is a migration "
            + "(lowering it rewrites the table). A CHECK constraint can change without either.",
        fix: "ALTER TABLE users ADD COLUMN nickname text CHECK (char_length(nickname) <= 50);",
        examples: [
            .fires("CREATE TABLE users (id bigint, nickname varchar(50));"),
            .passes("CREATE TABLE users (id bigint, nickname text);"),
        ])

    func advice(for column: DeclaredColumn) -> String? {
        guard column.type.name == "varchar", let limit = column.type.modifiers.first else { return nil }
        return "\(column.table.dot(column.column)) is varchar(\(limit)); text with a CHECK is easier to change"
    }
}
