/// The data history (``DataHistoryTable``) and the named locks of data migrations.
extension Migrator {
    /// The data history's table: beside the schema history, named after it
    /// (`_strata_migrations_data`).
    func dataHistoryReference(_ session: any Database) -> TableReference {
        TableReference(schema: session.schema, name: configuration.historyTable + "_data")
    }

    /// The data history, or `nil` when it does not exist yet (no data migration has run).
    func existingDataHistory(_ session: any Database) async throws -> DataHistoryTable? {
        let table = DataHistoryTable(reference: dataHistoryReference(session), dialect: session.dialect)
        return try await session.tableExists(table.reference) ? table : nil
    }

    /// The data history, created if missing.
    func createdDataHistory(_ session: any Database) async throws -> DataHistoryTable {
        let table = DataHistoryTable(reference: dataHistoryReference(session), dialect: session.dialect)
        try await session.execute(table.createStatement)
        return table
    }

    /// The row of one data migration, if it ran before.
    func dataRecord(_ name: String, history: DataHistoryTable, on session: any Database) async throws -> DataMigrationRecord? {
        try await session.query(history.selectOne, parameters: [.text(name)]).first.flatMap(DataMigrationRecord.init)
    }

    /// Opens (or reopens) a data migration's row for a run: `nil` when it
    /// completed before and is not to `restart`.
    ///
    /// - Throws: ``RefusalError`` when it changed (another checksum) since
    ///   a run that did not complete.
    func startRecord(
        name: String, kind: DataMigrationRecord.Kind, checksum: String, restart: Bool, history: DataHistoryTable,
        on session: any Database
    ) async throws -> DataMigrationRecord? {
        if let existing = try await dataRecord(name, history: history, on: session) {
            if restart {
                _ = try await session.execute(history.delete, parameters: [.text(name)])
            } else if existing.state == .completed {
                return nil
            } else if existing.checksum != checksum {
                throw RefusalError(
                    "the data migration \(name) changed since its run began (\(existing.rowsDone) rows done, state \(existing.state.rawValue))",
                    details: ["a run must finish with the definition it started with, or every row is not changed the same way"],
                    nextStep: "put the definition back and run it again to finish, or run it with --restart to start the new one from the first row")
            } else {
                _ = try await session.execute(history.resume, parameters: [.text(RunnerIdentity.current), .text(name)])
                return try await dataRecord(name, history: history, on: session)
            }
        }
        _ = try await session.execute(
            history.insertRunning, parameters: [.text(name), .text(kind.rawValue), .text(checksum), .text(RunnerIdentity.current)])
        return try await dataRecord(name, history: history, on: session)
    }

    /// How long a named lock held by another session is waited for before
    /// the run is refused.
    static let namedLockGrace: Duration = .seconds(1)

    /// Runs `body` holding the named lock `name`.
    ///
    /// - Throws: ``RefusalError`` when another session holds it,
    ///   ``NamedLockLostError`` when a pooler in transaction mode stands in the way.
    func withNamedLock<T: Sendable>(
        _ name: String, on session: any Database, describing what: String, _ body: () async throws -> T
    ) async throws -> T {
        guard let locking = session as? any NamedLocking else { return try await body() }
        // A run killed a moment ago holds the lock until its server session
        // notices the client is gone (PostgreSQL): give it that moment.
        func take() async throws -> LockHolder? {
            do {
                return try await locking.tryNamedLock(name)
            } catch var lost as NamedLockLostError {
                lost.what = what
                throw lost
            }
        }
        var holder = try await take()
        let clock = ContinuousClock()
        let deadline = clock.now + Self.namedLockGrace
        while holder != nil, clock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
            holder = try await take()
        }
        if let holder {
            throw RefusalError(
                "another run of \(what) is at work: \(holder)",
                nextStep: "wait for it to end (`strata data status` shows how far it is), or stop it; two runs never overlap")
        }
        do {
            let result = try await body()
            try? await locking.releaseNamedLock(name)
            return result
        } catch {
            try? await locking.releaseNamedLock(name)
            throw error
        }
    }
}
