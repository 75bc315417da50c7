import Synchronization

/// Opening and closing sessions, and holding the migration lock.
extension Migrator {
    /// Checks the files with `check`, opens a session and `read`s from it,
    /// runs `body` with all three, and closes the session.
    ///
    /// `body` starts only once `check` has passed, so bad input changes
    /// nothing; `read` must change nothing either. When the driver can connect
    /// without changing anything (PostgreSQL; not SQLite, whose open creates
    /// the file), connecting and reading overlap the check: round trips, TLS
    /// and authentication cost about as much as reading a thousand
    /// migrations. A check that fails is reported at once, whatever the
    /// connection is doing.
    ///
    /// A `readOnly` run (status, a dry run) does not create a database that
    /// does not exist yet (an SQLite file): it sees an empty one.
    func withSession<Checked: Sendable, Read: Sendable, T: Sendable>(
        checking check: () throws -> Checked,
        reading read: @escaping @Sendable (any Database) async throws -> Read,
        readOnly: Bool = false,
        _ body: (Checked, Read, any Database) async throws -> T
    ) async throws -> T {
        guard driver.connectingChangesNothing else {
            let checked = try check()
            let session = try await openSession(whenMissing: readOnly ? .readAsEmpty : .create)
            return try await run(body: { try await body(checked, try await read($0), $0) }, on: session)
        }
        let opening = Task {
            let session = try await openSession(whenMissing: readOnly ? .readAsEmpty : .create)
            do {
                return (session, try await read(session))
            } catch {
                await session.close()
                throw error
            }
        }
        let checked: Checked
        do {
            checked = try check()
        } catch {
            // Report the files now; the session is closed whenever it opens
            // (a server that does not answer would otherwise hold the error back).
            Task { try? await opening.value.0.close() }
            throw error
        }
        // The opening task is not a child of this one: pass a cancellation on.
        let (session, readings) = try await withTaskCancellationHandler {
            try await opening.value
        } onCancel: {
            opening.cancel()
        }
        return try await run(body: { try await body(checked, readings, $0) }, on: session)
    }

    /// Runs `body` on a session that may change the database: `checked`
    /// itself where connecting changes nothing (PostgreSQL); otherwise
    /// (SQLite, whose open creates the file) a new one, opened only now that
    /// the run has passed its checks on `checked`.
    func withChangingSession<T: Sendable>(_ checked: any Database, _ body: (any Database) async throws -> T) async throws -> T {
        guard !driver.connectingChangesNothing else { return try await body(checked) }
        return try await run(body: body, on: try await openSession(whenMissing: .create))
    }

    private func openSession(whenMissing: ConnectionRequest.WhenMissing) async throws -> any Database {
        let request = ConnectionRequest(
            url: configuration.url, schema: configuration.schema,
            applicationName: "strata \(RunnerIdentity.current)", whenMissing: whenMissing)
        do {
            return try await driver.connect(request)
        } catch let error as DatabaseError {
            throw ConnectionError(target: configuration.url.description, underlying: error)
        }
    }

    /// Runs `body` on `session`, then closes the session whatever happened.
    func run<T: Sendable>(body: (any Database) async throws -> T, on session: any Database) async throws -> T {
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch is DatabaseError where Task.isCancelled {
            // Ctrl-C cancels the statement in flight: that is an interruption, not the database's refusal.
            await session.close()
            throw CancellationError()
        } catch {
            await session.close()
            throw error
        }
    }

    /// Holds the migration lock around `body`.
    func withMigrationLock<T: Sendable>(
        _ session: any Database, table: TableReference, events: @escaping MigratorEventHandler,
        _ body: () async throws -> T
    ) async throws -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let waited = WaitFlag()
        do {
            try await session.acquireMigrationLock(for: table, timeout: configuration.lockTimeout) { holder in
                waited.set()
                events(.waitingForLock(holder))
            }
        } catch let error as DatabaseError where error.kind == .connection {
            throw ConnectionError(target: configuration.url.description, underlying: error, during: "waiting for the migration lock")
        }
        if waited.isSet { events(.lockAcquired(waited: clock.now - start)) }
        do {
            // Found at once in most cases where a pooler hands out server
            // sessions; every transaction written under the lock checks again.
            if let check = session.migrationLockCheckSQL(for: table) {
                do {
                    try await session.execute(check)
                } catch let error as DatabaseError where session.isMigrationLockCheckFailure(error) {
                    throw MigrationLockLostError(migration: nil)
                }
            }
            let result = try await body()
            try await session.releaseMigrationLock()
            return result
        } catch var lost as MigrationLockLostError {
            do {
                try await session.releaseMigrationLock()
            } catch let error as DatabaseError {
                lost.lockLeftBehind = error
            }
            throw lost
        } catch {
            try? await session.releaseMigrationLock()
            throw error
        }
    }
}

/// A flag set from the lock's wait callback.
private final class WaitFlag: Sendable {
    private let value = Mutex(false)

    func set() { value.withLock { $0 = true } }
    var isSet: Bool { value.withLock { $0 } }
}
