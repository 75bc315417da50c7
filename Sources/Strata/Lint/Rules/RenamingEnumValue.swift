/// `ALTER TYPE ... RENAME VALUE`.
struct RenamingEnumValue: LintRule {
    let triggers: Set<ActionKind>? = [.rename]
    let info = LintRuleInfo(
        id: "renaming-enum-value", family: .backwardIncompatible, severity: .warning,
        summary: "Renaming an enum value breaks the code that writes the old one.",
        why: "Every stored row changes meaning at once, and the running version's inserts of the old value fail with `invalid input value for enum`.",
        fix: "-- add the new value, move the code to it, move the rows, stop using the old one:\nALTER TYPE status ADD VALUE 'ARCHIVED';",
        examples: [
            .fires("ALTER TYPE status RENAME VALUE 'OLD' TO 'ARCHIVED';", after: ["CREATE TYPE status AS ENUM ('NEW', 'OLD');"]),
            .passes("CREATE TYPE status AS ENUM ('NEW', 'OLD');\nALTER TYPE status RENAME VALUE 'OLD' TO 'ARCHIVED';"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .rename(let rename) = located.action, rename.kind == .enumValue, let type = rename.owner,
                  !context.knowledge.created(.type, type)
            else { return nil }
            return LintViolation("Renaming value '\(rename.from.name)' of \(type) to '\(rename.to)' breaks code that writes the old value", at: located.byteOffset)
        }
    }
}
