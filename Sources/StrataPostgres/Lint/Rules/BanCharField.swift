import Strata

/// `char(n)`.
struct BanCharField: TypeAdviceRule {
    let info = LintRuleInfo(
        id: "ban-char-field", family: .advice, severity: .info,
        summary: "char(n) pads with spaces; use text.",
        why: "char(n) pads every value to n characters and ignores trailing spaces in comparisons, which surprises every "
            + "client; it is never faster than text.",
        fix: "ALTER TABLE countries ADD COLUMN code text CHECK (char_length(code) = 2);",
        examples: [
            .fires("CREATE TABLE countries (code char(2));"),
            .passes("CREATE TABLE countries (code text);"),
        ])

    func advice(for column: DeclaredColumn) -> String? {
        guard column.type.name == "bpchar" else { return nil }
        return "\(column.table.dot(column.column)) is char(\(column.type.modifiers.first ?? 1)), padded with spaces"
    }
}
