/// Running one statement of a script run statement by statement: catalog
/// checks for half-done effects, and retries after a lock timeout.
extension ScriptRunner {
    /// A statement of a script run statement by statement that failed, and
    /// what the catalog showed of it.
    struct StatementFailure: Error {
        var error: DatabaseError
        var leftover: MigrationFailedError.Leftover?
        var lockWait: MigrationFailedError.LockWait?
    }

    /// Runs one statement of a script run statement by statement. A
    /// statement whose effect the catalog shows (``CatalogCheck``) first has
    /// any half-done remains of an earlier attempt removed (the invalid index
    /// of a failed `CREATE INDEX CONCURRENTLY`), and after failing is checked
    /// again. A statement that gave up waiting for a lock and left nothing
    /// behind is tried again as a transactional migration would be: a longer
    /// lock timeout each time, after a jittered pause.
    func runStatement(_ statement: ScriptStatement, of script: PreparedScript, inOwnTransaction: Bool) async throws {
        let dialect = session.dialect
        var attempt = 0
        while true {
            do {
                try await removeLeftover(of: statement)
                try await session.execute(statement.sql)
                if attempt > 0, let first = dialect.lockTimeoutSQL(retryPolicy.timeout(forAttempt: 0), inTransaction: false) {
                    try? await session.execute(first)
                }
                return
            } catch let error as DatabaseError {
                guard error.kind != .connection, !inOwnTransaction else { throw StatementFailure(error: error) }
                // Only a statement that left nothing behind may simply run again.
                let retryable = statement.requirement == .none || statement.catalogCheck != nil
                guard error.kind == .lockNotAvailable, retryable, attempt < retryPolicy.retries, !Task.isCancelled else {
                    let leftover = await leftoverAfterFailure(of: statement)
                    let lockWait = error.kind != .lockNotAvailable ? nil : MigrationFailedError.LockWait(
                        attempts: attempt + 1, lastTimeout: retryPolicy.timeout(forAttempt: attempt),
                        holders: (try? await session.lockHolders(blocking: statement.sql)) ?? [])
                    throw StatementFailure(error: error, leftover: leftover, lockWait: lockWait)
                }
                attempt += 1
                let wait = retryPolicy.pause(beforeRetry: attempt)
                events(.retrying(
                    migration: script.migration.name, attempt: attempt, of: retryPolicy.retries, after: wait,
                    reason: error.message))
                try await Task.sleep(for: wait)
                if let longer = dialect.lockTimeoutSQL(retryPolicy.timeout(forAttempt: attempt), inTransaction: false) {
                    try? await session.execute(longer)
                }
            }
        }
    }

    /// Removes what an earlier attempt at `statement` left half done, as the
    /// catalog shows it; throws the database's error when it cannot (a lock).
    private func removeLeftover(of statement: ScriptStatement) async throws {
        guard let check = statement.catalogCheck, case .leftover(_, let cleanup)? = try await session.effect(of: check) else { return }
        try await session.execute(cleanup)
    }

    /// What a failed statement left half done, removed where that works now.
    private func leftoverAfterFailure(of statement: ScriptStatement) async -> MigrationFailedError.Leftover? {
        guard let check = statement.catalogCheck, case .leftover(let what, let cleanup)? = try? await session.effect(of: check)
        else { return nil }
        let removed = (try? await session.execute(cleanup)) != nil
        return MigrationFailedError.Leftover(what: what, removed: removed)
    }
}
