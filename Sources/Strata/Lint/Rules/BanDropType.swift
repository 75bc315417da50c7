/// `DROP TYPE` of a type that existed before the run (not the old half of an enum being recreated).
struct BanDropType: LintRule {
    let triggers: Set<ActionKind>? = [.drop]
    let info = LintRuleInfo(
        id: "ban-drop-type", family: .destructive, severity: .warning,
        summary: "Dropping a type fails while a column uses it, and with CASCADE drops those columns.",
        why: "`DROP TYPE ... CASCADE` silently drops every column of that type, with its data; without CASCADE the "
            + "migration fails half-way on any remaining use.",
        fix: "-- change the columns that use it first, then:\nDROP TYPE mood;",
        examples: [
            .fires("DROP TYPE mood;", after: ["CREATE TYPE mood AS ENUM ('sad', 'happy');\nCREATE TABLE people (id int, mood mood);"]),
            .passes("CREATE TYPE scratch AS ENUM ('a');\nDROP TYPE scratch;"),
            .passes("DROP TYPE mood;", after: ["CREATE TYPE mood AS ENUM ('sad', 'happy');\nCREATE TABLE people (id int, mood mood);", "ALTER TABLE people DROP COLUMN mood;"],
                    "no column uses it any more"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .type || drop.kind == .domain else { return [] }
            return drop.names.filter { !context.knowledge.created(.type, $0) && !EnumValueRemoved.isRecreation(dropping: $0, in: context) }
                .compactMap { type in
                    let users = context.columns(ofType: type)
                    // A type no column uses holds no data: dropping it loses nothing.
                    guard !users.isEmpty else { return nil }
                    let what = drop.cascade ? " with CASCADE drops " : " fails while it is used by "
                    return LintViolation("Dropping type \(type)\(what)" + users.joined(separator: ", "), at: located.byteOffset)
                }
        }
    }
}
