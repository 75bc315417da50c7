/// The shape every command that writes the history shares (deploy, down,
/// reset, resolve, baseline): read and check the files, read the history
/// without the lock and judge the run on it, then lock, read the history
/// again and run.
extension Migrator {
    /// What a command read from its files before it opened the database.
    struct RunFiles<Extra: Sendable>: Sendable {
        var migrations: [Migration]
        var sum: SumCheck
        /// What the command itself read (a target, parsed scripts).
        var extra: Extra
    }

    /// How a command holds `strata.sum` against the files.
    enum SumRule: Sendable {
        /// Accepts the migrations being written (see ``workInProgress(_:recorded:)``)
        /// once the history shows none of them run, and records them in the file.
        case acceptingWorkInProgress
        /// Not read: `resolve` settles the history, whatever the files say.
        case ignored
    }

    /// The session and history a command works with: under the migration
    /// lock, or (a dry run, or nothing to change) as read without it.
    struct LockedRun: Sendable {
        let session: any Database
        let table: HistoryTable
        /// Read under the lock (without it when no lock was taken).
        let history: History

        var reader: HistoryReader { HistoryReader(table: table, session: session) }
    }

    /// Runs one command on the skeleton above.
    ///
    /// 1. `files` reads what the command needs from disk besides the
    ///    migrations, which are loaded and held against `strata.sum` by
    ///    `sum`: bad input is reported before anything connects.
    /// 2. The history is read without the lock, and `plan` judges the run on it, throwing for anything a
    ///    person must settle. A problem is reported at once, not after
    ///    waiting for another runner. Where opening a session creates the
    ///    database (SQLite), this first session creates nothing.
    /// 3. A dry run, or a run `changes` says changes nothing, goes on
    ///    with that session and history, without the lock. Any other takes
    ///    the lock on a session that may change the database, reads the
    ///    history again, and runs `body`.
    func withLockedRun<Extra: Sendable, Planned: Sendable, T: Sendable>(
        _ operation: String, dryRun: Bool, sum rule: SumRule,
        events: @escaping MigratorEventHandler,
        files: ([Migration]) throws -> Extra,
        plan: (RunFiles<Extra>, History, any Dialect) throws -> Planned,
        changes: (Planned) -> Bool = { _ in true },
        _ body: (RunFiles<Extra>, Planned, LockedRun) async throws -> T
    ) async throws -> T {
        try await withSession(checking: {
            let migrations = try loadMigrations()
            let sum: SumCheck
            switch rule {
            case .acceptingWorkInProgress:
                sum = try verifySum(migrations, operation: operation, acceptingWorkInProgress: true)
                if !sum.exists {
                    events(.warning("\(directory.sumFilePath) does not exist; run `strata migrate hash` to create it"))
                }
            case .ignored: sum = SumCheck(exists: true)
            }
            return RunFiles(migrations: migrations, sum: sum, extra: try files(migrations))
        }, reading: { [self] session in
            try await HistoryReader(table: historyTable(session), session: session).read()
        }, readOnly: dryRun || !driver.connectingChangesNothing) { files, history, session in
            try acceptWorkInProgress(files.sum, history: history, operation: operation, write: !dryRun, events: events)
            let planned = try plan(files, history, session.dialect)
            let table = historyTable(session)
            if dryRun || !changes(planned) {
                return try await body(files, planned, LockedRun(session: session, table: table, history: history))
            }
            return try await withChangingSession(session) { session in
                try await withMigrationLock(session, table: table.reference, events: events) {
                    let history = try await HistoryReader(table: table, session: session).read()
                    return try await body(files, planned, LockedRun(session: session, table: table, history: history))
                }
            }
        }
    }
}
