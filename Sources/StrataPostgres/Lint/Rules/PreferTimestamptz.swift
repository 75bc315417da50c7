import Strata

/// `timestamp` without time zone: prefer `timestamptz`.
struct PreferTimestamptz: TypeAdviceRule {
    let info = LintRuleInfo(
        id: "prefer-timestamptz", family: .advice, severity: .info,
        summary: "Prefer timestamptz over timestamp.",
        why: "timestamp stores a wall-clock time with no zone: the same instant reads differently for clients in other zones, "
            + "and comparisons around daylight-saving changes go wrong. timestamptz stores the instant.",
        fix: "ALTER TABLE events ADD COLUMN happened_at timestamptz NOT NULL DEFAULT now();",
        examples: [
            .fires("CREATE TABLE events (id bigint, happened_at timestamp);"),
            .passes("CREATE TABLE events (id bigint, happened_at timestamptz);"),
        ])

    func advice(for column: DeclaredColumn) -> String? {
        guard column.type.name == "timestamp" else { return nil }
        return "\(column.table.dot(column.column)) is timestamp without time zone"
    }
}
