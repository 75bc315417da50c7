/// `VACUUM FULL`.
struct BanVacuumFull: LintRule {
    let triggers: Set<ActionKind>? = [.vacuumFull]
    let info = LintRuleInfo(
        id: "ban-vacuum-full", family: .locking, severity: .error,
        summary: "VACUUM FULL rewrites the table under ACCESS EXCLUSIVE.",
        why: "It copies every live row to a new file while all reads and writes wait, and needs room for a second copy of the table.",
        fix: "-- reclaim space online with pg_repack, or let autovacuum work:\n-- pg_repack --table users mydb",
        scalesWithTableSize: true,
        examples: [
            .fires("-- strata:transaction off\nVACUUM FULL users;", after: ["CREATE TABLE users (id int);"]),
            .passes("-- strata:transaction off\nVACUUM ANALYZE users;", after: ["CREATE TABLE users (id int);"]),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.compactMap { located in
            guard case .vacuumFull(let tables) = located.action else { return nil }
            let existing = tables.filter(context.holdsRows)
            // Named tables the run created are empty; without names VACUUM FULL rewrites every table.
            if !tables.isEmpty, existing.isEmpty { return nil }
            return LintViolation("VACUUM FULL " + (existing.isEmpty ? "rewrites every table" : "rewrites " + existing.map(\.description).joined(separator: ", "))
                                 + " while reads and writes wait", at: located.byteOffset, relation: existing.first)
        }
    }
}
