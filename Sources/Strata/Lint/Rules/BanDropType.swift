/// `DROP TYPE` of a type that existed before the run (not the old half of an enum being recreated).
struct BanDropType: LintRule {
    let info = LintRuleInfo(
        id: "ban-drop-type", family: .destructive, severity: .warning,
        summary: "Dropping a type fails while a column uses it, and with CASCADE drops those columns.",
        why: "`DROP TYPE ... CASCADE` silently drops every column of that type, with its data; without CASCADE the "
            + "migration fails half-way on any remaining use.",
        fix: "-- change the columns that use it first, then:\nDROP TYPE mood;",
        examples: [
            .fires("DROP TYPE mood;", after: ["CREATE TYPE mood AS ENUM ('sad', 'happy');"]),
            .passes("CREATE TYPE scratch AS ENUM ('a');\nDROP TYPE scratch;"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .type || drop.kind == .domain else { return [] }
            return drop.names.filter { !context.knowledge.created(.type, $0) && !EnumValueRemoved.isRecreation(dropping: $0, in: context) }
                .map { LintViolation("Dropping type \($0)" + (drop.cascade ? " with CASCADE drops every column of that type" : " fails while a column uses it"),
                                     at: located.byteOffset) }
        }
    }
}
