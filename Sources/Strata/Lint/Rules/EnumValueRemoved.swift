/// An enum recreated without some of its values: `CREATE TYPE x_new`, the
/// columns converted to it, the old type renamed away and dropped (Prisma's
/// way of removing an enum value).
struct EnumValueRemoved: LintRule {
    let triggers: Set<ActionKind>? = [.drop]
    let info = LintRuleInfo(
        id: "enum-value-removed", family: .destructive, severity: .warning,
        summary: "Recreating an enum removes values; rows that hold one make the conversion fail.",
        why: "Each column is converted with `USING (col::text::new_type)`, which fails on any row holding a removed value "
            + "(and rewrites the table under ACCESS EXCLUSIVE); code still writing a removed value fails after it.",
        fix: "-- first move the rows off the value, in a data migration of its own:\nUPDATE orders SET status = 'CANCELLED' WHERE status = 'VOID';\n-- then recreate the type in a later migration",
        examples: [
            .fires(
                "CREATE TYPE \"Status_new\" AS ENUM ('OPEN', 'DONE');\nALTER TABLE \"Task\" ALTER COLUMN \"status\" TYPE \"Status_new\" USING (\"status\"::text::\"Status_new\");\nALTER TYPE \"Status\" RENAME TO \"Status_old\";\nALTER TYPE \"Status_new\" RENAME TO \"Status\";\nDROP TYPE \"Status_old\";",
                after: ["CREATE TYPE \"Status\" AS ENUM ('OPEN', 'VOID', 'DONE');\nCREATE TABLE \"Task\" (\"id\" INT, \"status\" \"Status\");"]),
            .passes("CREATE TYPE \"Status\" AS ENUM ('OPEN');\nALTER TYPE \"Status\" ADD VALUE 'DONE';"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            guard case .drop(let drop) = located.action, drop.kind == .type else { return [] }
            return drop.names.filter { Self.isRecreation(dropping: $0, in: context) }.map { old in
                let removed = Self.removedValues(dropping: old, in: context)
                let what = removed.isEmpty ? "" : ": " + removed.map { "'\($0)'" }.joined(separator: ", ") + " removed"
                return LintViolation("Enum \(Self.replacement(of: old, in: context) ?? old.name) is recreated\(what)", at: located.byteOffset)
            }
        }
    }

    /// Whether dropping `type` finishes a recreation: an existing enum, whose
    /// name a type created in this run now has.
    static func isRecreation(dropping type: TableReference, in context: LintContext) -> Bool {
        guard let known = context.knowledge.type(named: type), !known.isNew else { return false }
        return replacement(of: type, in: context) != nil
    }

    /// The new type that took the old one's place: a new enum whose name the old type had before this run renamed it.
    static func replacement(of type: TableReference, in context: LintContext) -> String? {
        context.knowledge.renamedTypes.first { $0.to == type.name }.flatMap { rename in
            context.knowledge.type(named: TableReference(schema: type.schema, name: rename.from))?.isNew == true ? rename.from : nil
        }
    }

    static func removedValues(dropping type: TableReference, in context: LintContext) -> [String] {
        guard let old = context.knowledge.type(named: type)?.enumValues, let name = replacement(of: type, in: context),
              let new = context.knowledge.type(named: TableReference(schema: type.schema, name: name))?.enumValues
        else { return [] }
        return old.filter { !new.contains($0) }
    }
}
