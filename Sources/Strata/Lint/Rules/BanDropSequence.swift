/// `DROP SEQUENCE` of a sequence that existed before the run.
struct BanDropSequence: LintRule {
    let triggers: Set<ActionKind>? = [.drop]
    let info = LintRuleInfo(
        id: "ban-drop-sequence", family: .destructive, severity: .warning,
        summary: "Dropping a sequence loses its position.",
        why: "A column default that calls nextval() on it fails on the next insert, and a sequence made again restarts at 1, "
            + "handing out keys that already exist.",
        fix: "-- drop the default first, in the release that stops using it:\nALTER TABLE orders ALTER COLUMN number DROP DEFAULT;\n-- strata:lint-ignore ban-drop-sequence no default uses it\nDROP SEQUENCE order_number_seq;",
        examples: [
            .fires("DROP SEQUENCE order_number_seq;"),
            .passes("CREATE SEQUENCE scratch_seq;\nDROP SEQUENCE scratch_seq;"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .sequence else { return [] }
            return drop.names.filter { !context.knowledge.created(.sequence, $0) }
                .map { LintViolation("Dropping sequence \($0) loses its position", at: located.byteOffset) }
        }
    }
}
