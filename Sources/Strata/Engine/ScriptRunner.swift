import Foundation

/// Runs one prepared script with its history bookkeeping, or renders the exact
/// SQL it would run. The steps are built once, so `--dry-run` prints what a
/// real run executes.
///
/// In a transaction: `BEGIN`, the statements and the history row, `COMMIT`,
/// sent as one batch (the row is written at the end where the database can
/// date it from the transaction's start, else opened first and closed last);
/// a failure rolls back and adds a failed row.
/// Without one: open the row, then each statement followed by a progress
/// update (outside the script's own transaction blocks), then close the row;
/// a failure leaves the row saying exactly which statements took effect. A
/// cancelled task stops before the next statement and records that as the
/// failure.
struct ScriptRunner {
    let session: any Database
    let history: HistoryTable
    let appliedBy: String
    /// How long statements may wait for table locks, and how migrations
    /// that gave up waiting are tried again.
    let retryPolicy: LockRetryPolicy
    let events: MigratorEventHandler

    private enum Step {
        /// One of Strata's statements: history rows, settings, `BEGIN`, the lock check.
        case bookkeeping(String)
        /// The script's statement at this index.
        case statement(Int)
        /// The `COMMIT` that ends a migration's transaction.
        case commit
    }

    /// Whether the commits of a run of `count` scripts but the last return
    /// before they are on disk (see ``Dialect/deferredFlushSQL``).
    func defersFlush(forRunOf count: Int) -> Bool {
        count > 1 && session.dialect.deferredFlushSQL != nil
    }

    /// What runs before script `index` of a run: when the script before it
    /// changed the session (`SET`, `set_config(..., false)`, a temporary
    /// table, ...), the session goes back to how a new connection has it
    /// (``Dialect/sessionResetSQL``; the migration lock stays held), as psql
    /// gives every file a new session. Strata's own settings are set per
    /// migration, so none is lost.
    func settings(before index: Int, of scripts: [PreparedScript]) -> [String] {
        index > 0 && scripts[index - 1].changesSession ? session.dialect.sessionResetSQL : []
    }

    /// The SQL a run of scripts executes when nothing fails, script by script,
    /// each statement ending in `;`.
    func dryRun(_ scripts: [PreparedScript], direction: MigratorEvent.Direction) -> [(PreparedScript, [String])] {
        let defers = defersFlush(forRunOf: scripts.count)
        return scripts.enumerated().map { index, script in
            let before = settings(before: index, of: scripts)
            let steps = steps(script, direction: direction, defersFlush: defers && index < scripts.count - 1)
            return (script, (before + steps.map { sql(of: $0, in: script) }).map(terminated))
        }
    }

    /// Runs the script and returns how long it took.
    ///
    /// - Throws: ``MigrationFailedError`` when a statement fails (after rolling
    ///   back and recording the failure), ``HistoryWriteError`` when the
    ///   bookkeeping itself fails.
    ///
    /// - Parameters:
    ///   - retryLockTimeout: a retry's longer statement lock timeout.
    ///   - defersFlush: whether a transaction's commit may return before it
    ///     is on disk (every transactional migration of a run but the last).
    func run(
        _ script: PreparedScript, direction: MigratorEvent.Direction, retryLockTimeout: Duration? = nil,
        defersFlush: Bool = false
    ) async throws -> Duration {
        let name = script.migration.name
        events(.started(migration: name, direction: direction, execution: script.execution,
                        reason: script.reasonWithoutTransaction))
        let clock = ContinuousClock()
        let start = clock.now
        let steps = steps(script, direction: direction, retryLockTimeout: retryLockTimeout, defersFlush: defersFlush)
        switch script.execution {
        case .transaction:
            try await runInTransaction(script, steps: steps, clock: clock, start: start, direction: direction)
        case .statements, .none:
            try await runStatementByStatement(script, steps: steps, clock: clock, start: start, direction: direction)
        }
        let duration = clock.now - start
        events(.finished(migration: name, direction: direction, duration: duration, statements: script.statements.count))
        return duration
    }

    /// Sends the whole transaction as one batch: if a statement fails, every
    /// later one fails too and the batch's `COMMIT` rolls back, exactly as if
    /// they had been sent one by one.
    private func runInTransaction(
        _ script: PreparedScript, steps: [Step], clock: ContinuousClock, start: ContinuousClock.Instant,
        direction: MigratorEvent.Direction
    ) async throws {
        do {
            try await session.executeBatch(steps.map { sql(of: $0, in: script) })
        } catch let failure as StatementBatchError {
            if failure.error.kind == .connection {
                throw lost(script, error: failure.error, tracker: EffectTracker(), direction: direction)
            }
            switch steps[failure.index] {
            case .statement(let index) where script.frame.after.contains(index):
                throw SessionRestoreError(
                    migration: script.migration.name, statement: script.statements[index].sql, underlying: failure.error)
            case .statement(let index):
                throw await failed(script, index: index, error: failure.error, tracker: EffectTracker(),
                                   elapsed: clock.now - start, direction: direction)
            case .commit where !script.frame.inside.isEmpty:
                // A deferred constraint is checked at COMMIT: the migration failed, not the history.
                throw await failed(script, index: script.frame.inside.upperBound - 1, error: failure.error,
                                   tracker: EffectTracker(), elapsed: clock.now - start, direction: direction)
            case .bookkeeping, .commit:
                let sql = sql(of: steps[failure.index], in: script)
                try? await session.execute(session.dialect.rollbackSQL)
                if session.isMigrationLockCheckFailure(failure.error) { throw MigrationLockLostError(migration: script.migration.name) }
                throw HistoryWriteError(table: history.reference, statement: sql, underlying: failure.error)
            }
        }
    }

    /// Runs each statement on its own, recording progress after each, so a
    /// failure leaves the history saying exactly what took effect.
    private func runStatementByStatement(
        _ script: PreparedScript, steps: [Step], clock: ContinuousClock, start: ContinuousClock.Instant,
        direction: MigratorEvent.Direction
    ) async throws {
        var tracker = EffectTracker()
        for step in steps {
            switch step {
            case .bookkeeping, .commit:
                let sql = sql(of: step, in: script)
                do {
                    try await session.execute(sql)
                } catch let error as DatabaseError {
                    if error.kind == .connection { throw lost(script, error: error, tracker: tracker, direction: direction) }
                    if tracker.inOwnTransaction { try? await session.execute(session.dialect.rollbackSQL) }
                    if session.isMigrationLockCheckFailure(error) {
                        throw MigrationLockLostError(migration: script.migration.name, statementsInEffect: tracker.inEffect)
                    }
                    throw HistoryWriteError(table: history.reference, statement: sql, underlying: error)
                }
            case .statement(let index):
                let statement = script.statements[index]
                if Task.isCancelled {
                    throw await failed(script, index: index, error: Self.interrupted, tracker: tracker,
                                       elapsed: clock.now - start, direction: direction)
                }
                do {
                    try await runStatement(statement, of: script, inOwnTransaction: tracker.inOwnTransaction)
                } catch let failure as StatementFailure {
                    if failure.error.kind == .connection { throw lost(script, error: failure.error, tracker: tracker, direction: direction) }
                    throw await failed(script, index: index, error: failure.error, tracker: tracker,
                                       elapsed: clock.now - start, direction: direction, leftover: failure.leftover,
                                       lockWait: failure.lockWait)
                }
                tracker.ran(index, statement.requirement)
            }
        }
    }

    /// Why a statement of a script run statement by statement did not start.
    private static let interrupted = DatabaseError(
        kind: .statement, message: "not started: Strata was interrupted (Ctrl-C, SIGTERM, or its task was cancelled)",
        code: "57014")

    private func sql(of step: Step, in script: PreparedScript) -> String {
        switch step {
        case .bookkeeping(let sql): sql
        case .statement(let index): script.statements[index].sql
        case .commit: session.dialect.commitSQL
        }
    }

    /// The script's statements with Strata's around them. Strata's settings
    /// (the statement lock timeout, a deferred flush) are the migration's
    /// own: `SET LOCAL` in its transaction, or set before and reset after a
    /// script run statement by statement. Every transaction Strata writes
    /// first checks that its server session holds the migration lock
    /// (``MigrationLocking/migrationLockCheckSQL(for:)``).
    private func steps(
        _ script: PreparedScript, direction: MigratorEvent.Direction, retryLockTimeout: Duration? = nil,
        defersFlush: Bool = false
    ) -> [Step] {
        let dialect = session.dialect
        let name = script.migration.name
        let total = script.statements.count
        let checksum = script.migration.up.checksum
        let operation: HistoryRecord.Operation = direction == .up ? .deploy : .down
        let finalState: HistoryRecord.State = direction == .up ? .applied : .rolledBack
        let statements = script.frame.inside.map(Step.statement)
        let before = script.frame.before.map(Step.statement)
        let after = script.frame.after.map(Step.statement)
        let lockCheck = session.migrationLockCheckSQL(for: history.reference)
        let lockTimeout = retryLockTimeout ?? retryPolicy.timeout(forAttempt: 0)
        switch script.execution {
        case .transaction:
            var begin = [Step.bookkeeping(dialect.beginTransactionSQL)]
            if let lockTimeout, let setting = dialect.lockTimeoutSQL(lockTimeout, inTransaction: true) { begin.append(.bookkeeping(setting)) }
            if defersFlush, let setting = dialect.deferredFlushSQL { begin.append(.bookkeeping(setting)) }
            if let lockCheck { begin.append(.bookkeeping(lockCheck)) }
            let commit = Step.commit
            guard let transactionStart = dialect.transactionStartTimestampSQL else {
                let open = history.start(
                    name, checksum: checksum, operation: operation, execution: .transaction, appliedBy: appliedBy,
                    statementsTotal: total)
                return before + begin + [.bookkeeping(open)] + statements
                    + [.bookkeeping(history.finish(name, state: finalState, statementsRun: total)), commit] + after
            }
            // The row is invisible until COMMIT anyway: write it once, at the end.
            return before + begin + statements + [.bookkeeping(history.complete(
                name, checksum: checksum, state: finalState, operation: operation, execution: .transaction,
                appliedBy: appliedBy, statementsRun: total, startedAt: transactionStart)), commit] + after
        case .statements, .none:
            // Each history write is one message with the lock check: one
            // transaction, so one server session, whatever sits in between.
            func checked(_ sql: String) -> Step { .bookkeeping(lockCheck.map { $0 + "; " + sql } ?? sql) }
            var steps = [checked(history.start(
                name, checksum: checksum, operation: operation, execution: script.execution, appliedBy: appliedBy,
                statementsTotal: total))]
            let setTimeout = lockTimeout.flatMap { dialect.lockTimeoutSQL($0, inTransaction: false) }
            if let setTimeout { steps.append(.bookkeeping(setTimeout)) }
            // No Strata statement runs inside a transaction block the script
            // opened (`SET TRANSACTION` must come first in it, `SET LOCAL`,
            // `LOCK TABLE` and savepoints belong to it): progress is recorded
            // once the script's own `COMMIT` or `ROLLBACK` has closed it.
            var tracker = EffectTracker()
            for index in 0..<total {
                steps.append(.statement(index))
                tracker.ran(index, script.statements[index].requirement)
                if index < total - 1, !tracker.inOwnTransaction {
                    steps.append(checked(history.progress(name, statementsRun: index + 1)))
                }
            }
            steps.append(checked(history.finish(name, state: finalState, statementsRun: total)))
            if setTimeout != nil, let reset = dialect.lockTimeoutSQL(nil, inTransaction: false) { steps.append(.bookkeeping(reset)) }
            return steps
        }
    }

    /// The connection broke: nothing can be rolled back or recorded from here.
    private func lost(
        _ script: PreparedScript, error: DatabaseError, tracker: EffectTracker, direction: MigratorEvent.Direction
    ) -> ConnectionLostError {
        ConnectionLostError(
            migration: script.migration.name, operation: direction == .up ? "deploy" : "down", underlying: error,
            transactional: script.execution == .transaction, statementsInEffect: tracker.inEffect,
            statementCount: script.statements.count)
    }

    /// Rolls back what must be, records the failure, and builds the error to throw.
    private func failed(
        _ script: PreparedScript, index: Int, error: DatabaseError, tracker: EffectTracker, elapsed: Duration,
        direction: MigratorEvent.Direction, leftover: MigrationFailedError.Leftover? = nil,
        lockWait: MigrationFailedError.LockWait? = nil
    ) async -> any Error {
        let statement = script.statements[index]
        let location = script.location(of: statement, characterPosition: error.position)
        let transactional = script.execution == .transaction
        let failure = MigrationFailedError(
            migration: script.migration.name,
            path: script.script.path,
            statementNumber: index + 1,
            statementCount: script.statements.count,
            location: location,
            excerpt: excerpt(script.source, at: location),
            databaseError: error,
            transactional: transactional,
            statementsInEffect: transactional ? 0 : tracker.inEffect,
            statementsRolledBack: transactional ? 0 : index - tracker.inEffect,
            operation: direction == .up ? "deploy" : "down",
            interrupted: Task.isCancelled,
            statement: statement.sql,
            leftover: leftover,
            lockWait: lockWait)
        if transactional || tracker.inOwnTransaction {
            try? await session.execute(session.dialect.rollbackSQL)
        }
        // What the script sets back after its transaction is set back after the rollback too.
        if transactional {
            for index in script.frame.after { try? await session.execute(script.statements[index].sql) }
        }
        // The failure's row commits with a flush (deferral is per transaction),
        // and with it every deferred commit before: what the report says took effect is on disk.
        let record = transactional
            ? history.record(
                script.migration.name, checksum: script.migration.up.checksum, state: .failed,
                operation: direction == .up ? .deploy : .down, execution: .transaction, appliedBy: appliedBy,
                statementsRun: 0, statementsTotal: script.statements.count,
                durationMilliseconds: elapsed.milliseconds, error: failure.historyText)
            : history.fail(script.migration.name, statementsRun: tracker.inEffect, error: failure.historyText)
        do {
            try await session.execute(record)
        } catch let bookkeeping as DatabaseError {
            return HistoryWriteError(table: history.reference, statement: record, underlying: bookkeeping, after: failure)
        } catch {
            return error
        }
        return failure
    }

    private func excerpt(_ source: SourceText, at location: SourceLocation) -> [String] {
        let text = source.line(location.line)
        guard !text.isEmpty else { return [] }
        let number = String(location.line)
        let gutter = String(repeating: " ", count: number.count)
        let caretOffset = text.unicodeScalars.prefix(location.column - 1)
            .map { $0 == "\t" ? "\t" : " " }.joined()
        return ["\(number) | \(text)", "\(gutter) | \(caretOffset)^"]
    }

    private func terminated(_ sql: String) -> String {
        let lastLine = sql.lines.last ?? ""
        return lastLine.contains("--") ? sql + "\n;" : sql + ";"
    }
}

/// Follows a script run without a wrapping transaction: which statements took
/// effect, and whether the script's own `BEGIN` is open.
private struct EffectTracker {
    /// Statements 1...inEffect have taken effect (committed or autocommitted).
    var inEffect = 0
    /// Whether the script opened a transaction that is still open.
    var inOwnTransaction = false

    mutating func ran(_ index: Int, _ requirement: TransactionRequirement) {
        switch requirement {
        case .controlsTransaction(.begin):
            inOwnTransaction = true
        case .controlsTransaction(.commit), .controlsTransaction(.rollback):
            inOwnTransaction = false
            inEffect = index + 1
        default:
            if !inOwnTransaction { inEffect = index + 1 }
        }
    }
}
