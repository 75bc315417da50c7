/// How `resolve` settles a migration that needs a person.
public enum Resolution: Sendable {
    /// A failed or interrupted migration's changes were completed by hand:
    /// record it as applied.
    case applied
    /// Its changes were undone by hand: record it as rolled back, so `deploy`
    /// runs it again (a migration missing on disk is then forgotten).
    case rolledBack
    /// Its folder was removed on purpose and what it did stays in the
    /// database (squashed into another migration, say): stop reporting it
    /// as missing on disk.
    case removed
}

extension Migrator {
    /// Settles a failed, interrupted or missing-on-disk migration by
    /// recording what a person did about it.
    ///
    /// - Throws: ``RefusalError`` when the migration is not in a state the
    ///   resolution settles; nothing is written then.
    @discardableResult
    public func resolve(
        _ name: String, as resolution: Resolution, events: @escaping MigratorEventHandler = { _ in }
    ) async throws -> RecordReport {
        try await withLockedRun(
            "resolve", dryRun: false, sum: .ignored, events: events,
            files: { _ in },
            // Judged before the lock, so a wrong name changes nothing (not even an SQLite file), and again under it.
            plan: { files, history, _ in try resolvable(name, as: resolution, migrations: files.migrations, history: history) }
        ) { files, _, run in
            let entry = try resolvable(name, as: resolution, migrations: files.migrations, history: run.history)
            let record = entry.record!
            let state: HistoryRecord.State = switch resolution {
            case .applied: .applied
            case .rolledBack: .rolledBack
            case .removed: record.state == .running ? .failed : record.state
            }
            let insert = run.table.record(
                entry.name, checksum: entry.migration?.up.checksum ?? record.checksum, state: state,
                operation: resolution == .removed ? .removed : .resolve, execution: .none, appliedBy: RunnerIdentity.current,
                statementsRun: record.statementsRun, statementsTotal: record.statementsTotal)
            let setup = try await historySetup(run.table, reader: run.reader, history: run.history)
            try await runSetup(setup, table: run.table, history: run.history, session: run.session, events: events)
            try await executeBookkeeping([insert], table: run.table, session: run.session)
            return RecordReport(recorded: [entry.name], state: state, operation: resolution == .removed ? .removed : .resolve)
        }
    }

    /// The migration `name` (or a failed one's version) when `resolution`
    /// settles its state; a refusal saying why not otherwise.
    private func resolvable(
        _ name: String, as resolution: Resolution, migrations: [Migration], history: History
    ) throws -> MigrationStatus {
        let entries = Plan(migrations: migrations, history: history).entries
        let found = entries.first { $0.name == name }
            ?? entries.first { $0.migration?.version == name && [.failed, .running].contains($0.state) }
        guard let entry = found, entry.record != nil else {
            throw RefusalError(
                "resolve refused: the database has no record of `\(name)`" + (found == nil ? " and no folder has that name" : ""),
                nextStep: "resolve settles a failed, interrupted or missing-on-disk migration; `strata migrate status` lists them")
        }
        switch (resolution, entry.state) {
        case (.applied, .failed), (.applied, .running), (.rolledBack, .failed), (.rolledBack, .running),
             (.rolledBack, .missing), (.removed, .missing):
            return entry
        case (.applied, .missing):
            throw RefusalError(
                "resolve refused: `\(entry.name)` is missing on disk; --applied settles a failed migration whose folder is here",
                nextStep: "restore its folder from version control; or, if it was removed on purpose, run "
                    + "`strata migrate resolve --removed \(entry.name)` (what it did stays) or `--rolled-back \(entry.name)` (you undid it)")
        case (.removed, _):
            throw RefusalError(
                "resolve refused: `\(entry.name)` is \(entry.state.rawValue), not missing on disk",
                nextStep: "--removed settles a migration whose folder was removed on purpose; `strata migrate status` lists what needs attention")
        default:
            throw RefusalError(
                "resolve refused: `\(entry.name)` is \(entry.state.rawValue), so there is nothing to settle",
                nextStep: "resolve settles a failed, interrupted or missing-on-disk migration; `strata migrate status` lists them")
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
        try await withLockedRun(
            "baseline", dryRun: dryRun, sum: .acceptingWorkInProgress, events: events,
            files: { migrations in try migrations.resolve(name) },
            plan: { files, history, _ in try baselineEntries(files.migrations, to: files.extra, history: history) }
        ) { files, _, run in
            let table = run.table
            let toRecord = try baselineEntries(files.migrations, to: files.extra, history: run.history)
            let inserts = toRecord.map { entry in
                table.record(
                    entry.name, checksum: entry.migration!.up.checksum, state: .applied, operation: .baseline,
                    execution: .none, appliedBy: RunnerIdentity.current, statementsRun: 0, statementsTotal: 0)
            }
            let setup = try await historySetup(table, reader: run.reader, history: run.history)
            var report = RecordReport(recorded: toRecord.map(\.name), state: .applied, operation: .baseline)
            if dryRun {
                report.dryRunSQL = ([
                    "-- strata migrate baseline --dry-run on \(configuration.url)",
                    "-- Nothing below has run. This is exactly the SQL that would run, in order.",
                ] + (setup.statements + inserts).map { $0 + ";" }).joined(separator: "\n") + "\n"
                return report
            }
            try await runSetup(setup, table: table, history: run.history, session: run.session, events: events)
            try await executeBookkeeping(inserts, table: table, session: run.session)
            return report
        }
    }

    /// The migrations up to `target` that baseline records (those not
    /// applied yet, a failure that left nothing included); refuses when one
    /// of them failed leaving effects or is interrupted.
    private func baselineEntries(_ migrations: [Migration], to target: Migration, history: History) throws -> [MigrationStatus] {
        let entries = Plan(migrations: migrations, history: history).entries.filter {
            $0.migration != nil && !Migration.precedes(target.name, $0.name)
        }
        let unsettled = entries.filter { $0.state == .running || ($0.state == .failed && !$0.failedCleanly) }
        guard unsettled.isEmpty else {
            throw RefusalError(
                "baseline refused: migrations up to \(target.name) include failed ones",
                details: unsettled.map(\.name),
                nextStep: "settle them first with `strata migrate resolve`")
        }
        return entries.filter { [.pending, .outOfOrder].contains($0.state) || $0.failedCleanly }
    }
}
