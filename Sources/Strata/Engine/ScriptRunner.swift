import Foundation

/// Runs one prepared script with its history bookkeeping, or renders the exact
/// SQL it would run. The steps are built once, so `--dry-run` prints what a
/// real run executes.
///
/// In a transaction: `BEGIN`, open the history row, the statements, close the
/// row, `COMMIT`; a failure rolls back and adds a failed row.
/// Without one: open the row, then each statement followed by a progress
/// update, then close the row; a failure leaves the row saying exactly which
/// statements took effect.
struct ScriptRunner {
    let session: any Database
    let history: HistoryTable
    let appliedBy: String
    /// How long each statement may wait for a lock; `nil` for no limit.
    let lockTimeout: Duration?
    let events: MigratorEventHandler

    private enum Step {
        case bookkeeping(String)
        case statement(Int)
    }

    /// The SQL a run executes when nothing fails, in order, each ending in `;`.
    func dryRun(_ script: PreparedScript, direction: MigratorEvent.Direction, deferFlush: Bool) -> [String] {
        steps(script, direction: direction, deferFlush: deferFlush).map { step in
            switch step {
            case .bookkeeping(let sql): terminated(sql)
            case .statement(let index): terminated(script.statements[index].sql)
            }
        }
    }

    /// Runs the script and returns how long it took. With `deferFlush`, its
    /// commit need not wait for the disk (see ``Dialect/deferredFlushSQL``):
    /// pass it for every script of a run but the last.
    ///
    /// - Throws: ``MigrationFailedError`` when a statement fails (after rolling
    ///   back and recording the failure), ``HistoryWriteError`` when the
    ///   bookkeeping itself fails.
    func run(_ script: PreparedScript, direction: MigratorEvent.Direction, deferFlush: Bool) async throws -> Duration {
        let name = script.migration.name
        events(.started(migration: name, direction: direction, execution: script.execution,
                        reason: script.reasonWithoutTransaction))
        let clock = ContinuousClock()
        let start = clock.now
        var tracker = EffectTracker()
        for step in steps(script, direction: direction, deferFlush: deferFlush) {
            switch step {
            case .bookkeeping(let sql):
                do {
                    try await session.execute(sql)
                } catch let error as DatabaseError {
                    if script.execution == .transaction || tracker.inOwnTransaction {
                        try? await session.execute("ROLLBACK")
                    }
                    throw HistoryWriteError(table: history.reference, statement: sql, underlying: error)
                }
            case .statement(let index):
                let statement = script.statements[index]
                do {
                    try await session.execute(statement.sql)
                } catch let error as DatabaseError {
                    throw await failed(script, index: index, error: error, tracker: tracker,
                                       elapsed: clock.now - start, direction: direction)
                }
                tracker.ran(index, statement.requirement)
            }
        }
        let duration = clock.now - start
        events(.finished(migration: name, direction: direction, duration: duration, statements: script.statements.count))
        return duration
    }

    private func steps(_ script: PreparedScript, direction: MigratorEvent.Direction, deferFlush: Bool) -> [Step] {
        let dialect = session.dialect
        let name = script.migration.name
        let total = script.statements.count
        let checksum = script.migration.up.checksum
        let operation: HistoryRecord.Operation = direction == .up ? .deploy : .down
        let finalState: HistoryRecord.State = direction == .up ? .applied : .rolledBack
        let statements = (0..<total).map(Step.statement)
        let open = Step.bookkeeping(history.start(
            name, checksum: checksum, operation: operation, execution: script.execution, appliedBy: appliedBy,
            statementsTotal: total))
        let close = Step.bookkeeping(history.finish(name, state: finalState, statementsRun: total))
        switch script.execution {
        case .transaction:
            var steps = [Step.bookkeeping(dialect.beginTransactionSQL)]
            if deferFlush, let relax = dialect.deferredFlushSQL { steps.append(.bookkeeping(relax)) }
            if let lockTimeout, let limit = dialect.lockTimeoutSQL(lockTimeout, transactionScoped: true) {
                steps.append(.bookkeeping(limit))
            }
            if let transactionStart = dialect.transactionStartTimestampSQL {
                // The row is invisible until COMMIT anyway: write it once, at the end.
                steps += statements + [.bookkeeping(history.complete(
                    name, checksum: checksum, state: finalState, operation: operation, execution: .transaction,
                    appliedBy: appliedBy, statementsRun: total, startedAt: transactionStart))]
            } else {
                steps += [open] + statements + [close]
            }
            return steps + [.bookkeeping("COMMIT")]
        case .statements, .none:
            var steps = [open]
            if let lockTimeout, let limit = dialect.lockTimeoutSQL(lockTimeout, transactionScoped: false) {
                steps.insert(.bookkeeping(limit), at: 0)
            }
            for index in 0..<total {
                steps.append(.statement(index))
                if index < total - 1 { steps.append(.bookkeeping(history.progress(name, statementsRun: index + 1))) }
            }
            return steps + [close]
        }
    }

    /// Rolls back what must be, records the failure, and builds the error to throw.
    private func failed(
        _ script: PreparedScript, index: Int, error: DatabaseError, tracker: EffectTracker, elapsed: Duration,
        direction: MigratorEvent.Direction
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
            operation: direction == .up ? "deploy" : "down")
        if transactional || tracker.inOwnTransaction {
            try? await session.execute("ROLLBACK")
        }
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
