extension Migrator {
    /// Runs prepared scripts in order under the run's session settings, and
    /// reports each; `prepare` runs before each script (deploy's backups). A
    /// cancelled task stops before the next script starts (``InterruptedError``).
    func runAll(
        _ prepared: [PreparedScript], with runner: ScriptRunner, direction: MigratorEvent.Direction,
        table: HistoryTable, events: MigratorEventHandler,
        before prepare: (PreparedScript) async throws -> Void = { _ in }
    ) async throws -> [RunMigration] {
        var results: [RunMigration] = []
        for (index, script) in prepared.enumerated() {
            if Task.isCancelled {
                throw InterruptedError(
                    operation: direction == .up ? "deploy" : "down", completed: results.map(\.name),
                    notRun: prepared[index...].map(\.migration.name))
            }
            try await prepare(script)
            try await executeBookkeeping(runner.settings(before: index, of: prepared), table: table, session: runner.session)
            let duration: Duration
            do {
                let defers = runner.defersFlush(forRunOf: prepared.count) && index < prepared.count - 1
                duration = try await run(script, with: runner, direction: direction, defersFlush: defers, events: events)
            } catch var lost as ConnectionLostError {
                if runner.defersFlush(forRunOf: prepared.count) { lost.unflushed = results.map(\.name) }
                throw lost
            }
            results.append(RunMigration(
                name: script.migration.name, durationMilliseconds: duration.milliseconds,
                statements: script.statements.count, execution: script.execution,
                reasonWithoutTransaction: script.reasonWithoutTransaction))
        }
        return results
    }

    /// Runs a script, trying a transactional one again when the database
    /// rolled it back because a lock was not granted within the statement lock
    /// timeout, at most ``Configuration/lockRetries`` times: each retry waits
    /// twice as long for its locks (``Configuration/statementLockTimeout(forAttempt:)``)
    /// after a jittered pause (about 0.5 s, 1 s, 2 s, ...), and is reported.
    /// Every failed attempt keeps its history row. After the last, the
    /// failure names the sessions that held the locks.
    func run(
        _ script: PreparedScript, with runner: ScriptRunner, direction: MigratorEvent.Direction, defersFlush: Bool,
        events: MigratorEventHandler
    ) async throws -> Duration {
        var attempt = 0
        while true {
            let policy = runner.retryPolicy
            do {
                let timeout = attempt == 0 ? nil : policy.timeout(forAttempt: attempt)
                return try await runner.run(script, direction: direction, retryLockTimeout: timeout, defersFlush: defersFlush)
            } catch var failure as MigrationFailedError where failure.transactional && failure.databaseError.kind == .lockNotAvailable {
                guard attempt < policy.retries else {
                    failure.lockWait = MigrationFailedError.LockWait(
                        attempts: attempt + 1, lastTimeout: policy.timeout(forAttempt: attempt),
                        holders: (try? await runner.session.lockHolders(blocking: failure.statement)) ?? [])
                    throw failure
                }
                attempt += 1
                let wait = policy.pause(beforeRetry: attempt)
                events(.retrying(
                    migration: script.migration.name, attempt: attempt, of: configuration.lockRetries, after: wait,
                    reason: failure.databaseError.message))
                try await Task.sleep(for: wait)
            }
        }
    }

    /// The runner for a session, with this configuration's statement lock timeout.
    func scriptRunner(_ session: any Database, table: HistoryTable, events: @escaping MigratorEventHandler) -> ScriptRunner {
        ScriptRunner(
            session: session, history: table, appliedBy: RunnerIdentity.current,
            retryPolicy: LockRetryPolicy(configuration: configuration), events: events)
    }
}
