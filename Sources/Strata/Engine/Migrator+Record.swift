/// How `resolve` settles a failed migration.
public enum Resolution: Sendable {
    /// Its changes were completed by hand: record it as applied.
    case applied
    /// Its changes were undone by hand: record it as rolled back, so `deploy` runs it again.
    case rolledBack
}

extension Migrator {
    /// Settles a failed or interrupted migration by recording what a person did about it.
    ///
    /// - Throws: ``RefusalError`` when the migration is not failed.
    @discardableResult
    public func resolve(
        _ name: String, as resolution: Resolution, events: @escaping MigratorEventHandler = { _ in }
    ) async throws -> RecordReport {
        try await withSession(checking: loadMigrations) { migrations, session in
            let table = historyTable(session)
            return try await withMigrationLock(session, table: table.reference, events: events) {
                let reader = HistoryReader(table: table, session: session)
                let history = try await reader.read()
                let entry = Plan(migrations: migrations, history: history).entries.first {
                    $0.name == name || ($0.migration?.version == name && $0.state == .failed)
                }
                guard let entry, let record = entry.record, [.failed, .running].contains(record.state) else {
                    throw RefusalError(
                        "resolve refused: `\(name)` has not failed"
                            + (entry.map { " (it is \($0.state.rawValue))" } ?? " (no such migration)"),
                        nextStep: "resolve settles a failed migration; `strata migrate status` lists them")
                }
                let state: HistoryRecord.State = resolution == .applied ? .applied : .rolledBack
                let insert = table.record(
                    entry.name, checksum: entry.migration?.up.checksum ?? record.checksum, state: state,
                    operation: .resolve, execution: .none, appliedBy: RunnerIdentity.current,
                    statementsRun: record.statementsRun, statementsTotal: record.statementsTotal)
                let setup = try await historySetup(table, reader: reader, history: history)
                try await runSetup(setup, table: table, history: history, session: session, events: events)
                try await executeBookkeeping([insert], table: table, session: session)
                return RecordReport(recorded: [entry.name], state: state)
            }
        }
    }

    /// Records `name` and every migration before it as applied without running
    /// them: for adopting a database whose schema already exists.
    ///
    /// - Throws: ``RefusalError`` when one of them failed (settle it with ``resolve(_:as:events:)``).
    @discardableResult
    public func baseline(
        to name: String, dryRun: Bool = false, events: @escaping MigratorEventHandler = { _ in }
    ) async throws -> RecordReport {
        try await withSession(checking: {
            let migrations = try loadMigrations()
            try verifySum(migrations, operation: "baseline")
            return (migrations, target: try migrations.resolve(name))
        }, readOnly: dryRun) { files, session in
            let (migrations, target) = files
            let table = historyTable(session)
            return try await withMigrationLock(session, table: table.reference, events: events, unlessDryRun: dryRun) {
                let reader = HistoryReader(table: table, session: session)
                let history = try await reader.read()
                let entries = Plan(migrations: migrations, history: history).entries.filter {
                    $0.migration != nil && !Migration.precedes(target.name, $0.name)
                }
                let unsettled = entries.filter { [.failed, .running].contains($0.state) }
                guard unsettled.isEmpty else {
                    throw RefusalError(
                        "baseline refused: migrations up to \(target.name) include failed ones",
                        details: unsettled.map(\.name),
                        nextStep: "settle them first with `strata migrate resolve`")
                }
                let toRecord = entries.filter { [.pending, .outOfOrder].contains($0.state) }
                let inserts = toRecord.map { entry in
                    table.record(
                        entry.name, checksum: entry.migration!.up.checksum, state: .applied, operation: .baseline,
                        execution: .none, appliedBy: RunnerIdentity.current, statementsRun: 0, statementsTotal: 0)
                }
                let setup = try await historySetup(table, reader: reader, history: history)
                var report = RecordReport(recorded: toRecord.map(\.name), state: .applied)
                if dryRun {
                    report.dryRunSQL = ([
                        "-- strata migrate baseline --dry-run on \(configuration.url)",
                        "-- Nothing below has run. This is exactly the SQL that would run, in order.",
                    ] + (setup.statements + inserts).map { $0 + ";" }).joined(separator: "\n") + "\n"
                    return report
                }
                try await runSetup(setup, table: table, history: history, session: session, events: events)
                try await executeBookkeeping(inserts, table: table, session: session)
                return report
            }
        }
    }
}
