/// Settling, from the database's catalog, migrations whose run was cut off.
extension Migrator {
    /// Under the migration lock a `running` row is a run that died (killed,
    /// its connection lost). When it died at a statement whose effect the
    /// catalog shows (``CatalogCheck``: an index build, an index drop, an
    /// added enum value), Strata reads the catalog instead of asking a person:
    /// a half-built, invalid index is dropped; the row is then closed with
    /// the statements that did take effect. A migration all of whose
    /// statements took effect is recorded as applied; one none of whose did is
    /// recorded as failed with nothing in effect, which deploy runs again.
    ///
    /// - Returns: whether a row changed (the history must be read again).
    func settleInterruptedRuns(
        _ history: History, migrations: [Migration], session: any Database, table: HistoryTable,
        events: MigratorEventHandler
    ) async throws -> Bool {
        let plan = Plan(migrations: migrations, history: history)
        var changed = false
        for entry in plan.entries where entry.state == .running {
            guard let migration = entry.migration, let record = entry.record, record.operation == .deploy,
                  record.execution == .statements, record.checksum == migration.up.checksum,
                  let script = try? PreparedScript(migration: migration, script: migration.up, dialect: session.dialect),
                  record.statementsRun < script.statements.count,
                  let check = script.statements[record.statementsRun].catalogCheck,
                  let effect = try await session.effect(of: check)
            else { continue }
            let number = record.statementsRun + 1
            let total = script.statements.count
            var inEffect = record.statementsRun
            let finding: String
            switch effect {
            case .done:
                inEffect += 1
                finding = "the catalog shows statement \(number) of \(total) took effect"
            case .notDone:
                finding = "the catalog shows statement \(number) of \(total) did not take effect"
            case .leftover(let what, let cleanup):
                try await executeBookkeeping([cleanup], table: table, session: session)
                finding = "statement \(number) of \(total) left \(what), which Strata dropped"
            }
            let name = migration.name
            if inEffect == total {
                try await executeBookkeeping([table.finish(name, state: .applied, statementsRun: total)], table: table, session: session)
                events(.warning("\(name) was cut off before its end was recorded; \(finding): recorded as applied"))
            } else {
                let report = "interrupted at statement \(number) of \(total); \(finding)"
                try await executeBookkeeping([table.fail(name, statementsRun: inEffect, error: report)], table: table, session: session)
                events(.warning("\(name) was cut off at statement \(number) of \(total); \(finding)"
                    + (inEffect == 0 ? ": nothing of it remains, so it runs again" : "")))
            }
            changed = true
        }
        return changed
    }
}
