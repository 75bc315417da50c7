/// `DROP ... CASCADE`, `DROP COLUMN ... CASCADE`.
struct BanCascade: LintRule {
    let triggers: Set<ActionKind>? = [.drop, .dropColumn]
    let info = LintRuleInfo(
        id: "ban-cascade", family: .destructive, severity: .warning,
        summary: "CASCADE drops objects the migration does not name.",
        why: "Views, foreign keys, indexes and (for a type) whole columns that depend on the object are dropped with it, silently; "
            + "review cannot see what goes.",
        fix: "-- name each dependent object and drop it explicitly, then:\nDROP VIEW active_users;\nALTER TABLE users DROP COLUMN status;",
        examples: [
            .fires("ALTER TABLE users DROP COLUMN status CASCADE;", after: ["CREATE TABLE users (id int, status text);"]),
            .fires("DROP VIEW active_users CASCADE;"),
            .passes("DROP VIEW active_users;"),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            switch located.action {
            case .drop(let drop) where drop.cascade && drop.kind != .schema:
                let names = drop.names.filter { name in
                    !context.knowledge.created(drop.kind, name) && !(drop.kind == .type && context.columns(ofType: name).isEmpty)
                }
                guard !names.isEmpty else { return nil }
                return LintViolation(
                    "DROP \(drop.kind.rawValue.uppercased()) \(names.map(\.description).joined(separator: ", ")) CASCADE also drops what depends on it",
                    at: located.byteOffset)
            case .dropColumn(let table, let column, true) where context.holdsRows(table):
                return LintViolation("DROP COLUMN \(table.dot(column)) CASCADE also drops the views and constraints that use it", at: located.byteOffset)
            default:
                return nil
            }
        }
    }
}
