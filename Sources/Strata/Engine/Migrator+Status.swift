extension Migrator {
    /// Where every migration stands. Reads only; changes nothing, takes no lock.
    ///
    /// - Throws: ``IntegrityError`` when `strata.sum` disagrees with the files,
    ///   ``MigrationFileError`` for a folder that cannot be read.
    public func status() async throws -> StatusReport {
        try await withSession(checking: {
            let migrations = try loadMigrations()
            return (migrations, sum: try verifySum(migrations, operation: "status", acceptingWorkInProgress: true))
        }, reading: { session in
            try await HistoryReader(table: historyTable(session), session: session).read()
        }, readOnly: true) { files, history, session in
            let (migrations, sum) = files
            try acceptWorkInProgress(sum, history: history, operation: "status", write: false, events: { _ in })
            let sumExists = sum.exists
            let table = historyTable(session)
            return StatusReport(
                database: configuration.url.description,
                migrationsPath: configuration.migrationsPath,
                historyTable: table.reference,
                historySource: history.source,
                sumFileExists: sumExists,
                migrations: Plan(migrations: migrations, history: history).entries,
                unrecordedWork: sum.workInProgress)
        }
    }
}
