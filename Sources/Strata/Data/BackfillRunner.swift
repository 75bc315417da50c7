/// Runs a backfill's batches on one session that holds the backfill's
/// named lock, from where its row in the data history says it stopped.
struct BackfillRunner: Sendable {
    let backfill: Backfill
    let session: any Database
    let history: DataHistoryTable
    let statements: BackfillStatements
    /// How to run it again, for messages.
    let command: String
    /// The statement each batch runs first to know the run still holds its
    /// named lock (``NamedLocking/namedLockCheckSQL(_:)``); `nil` where sessions are never pooled.
    let lockCheckSQL: String?
    let events: @Sendable (BackfillEvent) -> Void

    /// Where a batch ends, as read before it runs (or, walking ranges, as chosen).
    private struct Bound {
        var upper: BackfillKey
        /// The rows matching the condition up to `upper`.
        var rows: Int
        /// Whether no row is left after it.
        var isLast: Bool

        /// A bound read for `asked` rows: fewer means the last batch.
        init(upper: BackfillKey, rows: Int, asked: Int) {
            self.upper = upper
            self.rows = rows
            isLast = rows < asked
        }

        init(upper: BackfillKey, rows: Int, isLast: Bool) {
            self.upper = upper
            self.rows = rows
            self.isLast = isLast
        }
    }

    /// Where a walk along an integer key's ranges stands: the highest key
    /// to reach, and the rows per key value the last range held, which sizes the next.
    private struct RangeWalk {
        var low: Int64
        var high: Int64
        var density: Double
        var width: Int64
    }

    /// What a committed batch did.
    private struct BatchOutcome {
        var bound: Bound
        var rowsChanged: Int
        /// The next batch's bound, read in the same round trip as this
        /// batch's transaction: `.some(nil)` when no row is left, `nil` when
        /// not read.
        var next: Bound??
    }

    private var dialect: any Dialect { session.dialect }
    private var reading: (any BackfillReading)? { session as? any BackfillReading }

    /// Errors a batch is rolled back and tried again for: a lock wait over
    /// the lock timeout, a deadlock, a serialization failure (PostgreSQL's
    /// SQLSTATEs), SQLite's busy database; and a server session that does
    /// not know the batch's prepared statement (a pooler in transaction mode
    /// handed over another: the session sends it unprepared from then on).
    static let retriedCodes: Set<String> = ["55P03", "40P01", "40001", Self.unknownStatementCode, "SQLITE_BUSY"]
    /// PostgreSQL's SQLSTATE for a prepared statement's name the server session does not know.
    static let unknownStatementCode = "26000"
    /// The statement timeout's SQLSTATE (`query_canceled`), which a cancelled run also raises.
    static let statementTimeoutCode = "57014"
    static let maximumRetries = 8

    /// Runs batches until no row is left, starting after `record`'s last key.
    func run(resuming record: DataMigrationRecord) async throws -> BackfillReport {
        let clock = ContinuousClock()
        let start = clock.now
        var lower = record.key
        var rowsDone = record.rowsDone
        var batches = record.batches
        var rowsThisRun = 0
        var sizer = BatchSizer(backfill.batching)
        var retries = 0
        var lastLagLook: ContinuousClock.Instant?
        var prefetched: Bound??
        let remaining = try? await reading?.estimatedRowCount(
            of: statements.remaining(after: lower != nil), parameters: lower?.values ?? [])
        events(.started(BackfillStart(
            name: backfill.name, table: backfill.table, keyColumns: statements.keyNames,
            resumingAfter: lower?.description, rowsDoneBefore: rowsDone, estimatedRemaining: remaining,
            keyIsIndexed: statements.keyIsIndexed)))
        let estimatedTotal = remaining.map { $0 + rowsDone }
        var walk = try await rangeWalk(after: lower)
        // The pace counts from the first batch: the estimate's count before it is no batch's work.
        let batchesStart = clock.now

        while true {
            do {
                try Task.checkCancellation()
                try await waitForReplicas(lastLook: &lastLagLook, clock: clock)
                let batchStart = clock.now
                let next = if walk != nil {
                    try await runRangeBatch(after: lower, size: sizer.size, walk: &walk!)
                } else {
                    try await runBatch(after: lower, size: sizer.size, prefetched: prefetched, number: batches + 1)
                }
                guard let outcome = next else { break }
                let took = clock.now - batchStart
                retries = 0
                prefetched = outcome.next
                lower = outcome.bound.upper
                rowsDone += outcome.bound.rows
                rowsThisRun += outcome.rowsChanged
                batches += 1
                sizer.record(rows: outcome.bound.rows, took: took)
                events(.batch(BackfillProgress(
                    rowsDone: rowsDone, rowsThisRun: rowsThisRun, batches: batches, lastKey: outcome.bound.upper.description,
                    batchSize: sizer.size, batchDuration: took, elapsed: clock.now - batchesStart,
                    estimatedTotal: estimatedTotal.map { max($0, rowsDone) })))
                if outcome.bound.isLast { break }
                if backfill.pause > .zero { try await Task.sleep(for: backfill.pause) }
            } catch let error as DatabaseError where !Task.isCancelled {
                prefetched = nil
                if isLockLoss(error) { throw await lockLost(after: lower, rowsDone: rowsDone) }
                if error.code == Self.statementTimeoutCode {
                    guard sizer.halve() else {
                        throw await failed(BatchFailure(statement: "a batch of one row", error: error), after: lower, rowsDone: rowsDone)
                    }
                    events(.retrying(reason: "a batch ran past the statement timeout (\(backfill.statementTimeout))", batchSize: sizer.size))
                    continue
                }
                if let code = error.code, Self.retriedCodes.contains(code), retries < Self.maximumRetries {
                    retries += 1
                    let reason = code == Self.unknownStatementCode
                        ? "the server session did not know the batch's prepared statement (a pooler in transaction mode?); it goes unprepared now"
                        : error.message
                    events(.retrying(reason: reason, batchSize: sizer.size))
                    try await Task.sleep(for: .milliseconds(50 << min(retries, 6)))
                    continue
                }
                let step = "the batch's transaction (BEGIN, its settings, the checkpoint or COMMIT)"
                throw await failed(BatchFailure(statement: step, error: error), after: lower, rowsDone: rowsDone)
            } catch let failure as BatchFailure where !Task.isCancelled {
                throw await failed(failure, after: lower, rowsDone: rowsDone)
            } catch is CancellationError {
                throw await interrupted(lastKey: lower, rowsDone: rowsDone)
            } catch is DatabaseError {
                throw await interrupted(lastKey: lower, rowsDone: rowsDone)
            } catch is BatchFailure {
                throw await interrupted(lastKey: lower, rowsDone: rowsDone)
            } catch {
                // The per-batch closure's own error: its batch is rolled back.
                try? await finish(Task.isCancelled ? .interrupted : .failed, error: String(describing: error))
                throw error
            }
        }
        try await finish(.completed)
        return BackfillReport(
            name: backfill.name, table: backfill.table, keyColumns: statements.keyNames, rowsDone: rowsDone,
            rowsThisRun: rowsThisRun, batches: batches, elapsed: clock.now - start, resumed: record.batches > 0,
            alreadyCompleted: false)
    }

    /// One batch: its bound (read before, or with the batch before), then
    /// the change, the checkpoint and the next batch's bound in one round
    /// trip; `nil` (nothing changed) when no row is left.
    private func runBatch(after lower: BackfillKey?, size: Int, prefetched: Bound??, number: Int) async throws -> BatchOutcome? {
        if let perBatch = backfill.perBatch { return try await runBatch(after: lower, size: size, number: number, perBatch) }
        let after = lower != nil
        let bound: Bound
        switch prefetched {
        case .some(.some(let read)): bound = read
        case .some(.none): return nil
        case .none:
            // Read outside the transaction: a read holds no row locks.
            let rows = try await read(statements.boundary(after: after), parameters: (lower?.values ?? []) + [.integer(Int64(size))])
            guard let read = rows.first.map({ Self.bound(from: $0, asked: size) }) else { return nil }
            bound = read
        }
        var pipeline = ([dialect.beginTransactionSQL] + transactionSettings).map { BoundStatement($0) }
        if let lockCheck { pipeline.append(lockCheck) }
        let update = statements.update(after: after)
        let updateIndex = pipeline.count
        if let update { pipeline.append(BoundStatement(update, parameters: (lower?.values ?? []) + bound.upper.values, repeated: true)) }
        pipeline.append(checkpoint(bound.upper, rows: bound.rows))
        pipeline.append(BoundStatement(dialect.commitSQL))
        let commitIndex = pipeline.count - 1
        if !bound.isLast {
            pipeline.append(BoundStatement(
                statements.boundary(after: true), parameters: bound.upper.values + [.integer(Int64(size))], returnsRows: true, repeated: true))
        }
        do {
            let results = try await session.executePipeline(pipeline)
            let next: Bound?? = bound.isLast ? .some(nil) : .some(results.last?.rows.first.map { Self.bound(from: $0, asked: size) })
            return BatchOutcome(bound: bound, rowsChanged: update == nil ? 0 : results[updateIndex].changedRows, next: next)
        } catch let failure as StatementBatchError where failure.index > commitIndex {
            // The batch committed; only the read of the next bound failed: read it again.
            return BatchOutcome(bound: bound, rowsChanged: 0, next: nil)
        } catch let failure as StatementBatchError {
            try? await session.execute(dialect.rollbackSQL)
            guard !Task.isCancelled, !isLeftToTheLoop(failure.error) else { throw failure.error }
            throw BatchFailure(statement: pipeline[failure.index].sql, error: failure.error)
        } catch {
            try? await session.execute(dialect.rollbackSQL)
            throw error
        }
    }

    /// The walk along the key's ranges, when the statements take one: from
    /// after `lower` (else the lowest key) to the highest key now. It starts
    /// as if every value were a row (an average over the table misleads
    /// where keys bunch); a range with fewer rows lets the next grow, at
    /// most twofold, so gaps of any size cost a few quick batches. `nil`
    /// (batches read their last key) when a key is not an integer after
    /// all (SQLite keeps text in an `INTEGER` column).
    private func rangeWalk(after lower: BackfillKey?) async throws -> RangeWalk? {
        guard statements.walksRanges else { return nil }
        let row = try await read(statements.keyRange, parameters: []).first
        guard let low = row?["low"].integer, let high = row?["high"].integer else {
            let empty = row.map { $0["low"] == .null && $0["high"] == .null } ?? true
            return empty ? RangeWalk(low: 0, high: 0, density: 1, width: 0) : nil
        }
        let start = lower?.values.first?.integer ?? (low == .min ? low : low - 1)
        return RangeWalk(low: start, high: high, density: 1, width: 0)
    }

    /// One range batch: the rows with keys above `lower` up to a bound
    /// chosen from the last range's density, changed and checkpointed. On
    /// PostgreSQL that is one statement after the one that sets its
    /// timeouts (and the lock check): a pipeline, so one implicit
    /// transaction committed when the pipeline ends (a failure rolls it
    /// back), one round trip. Elsewhere the change and the checkpoint
    /// counting it go in a transaction of their own. `nil` when the walk
    /// passed the highest key (read again first, for rows added since).
    private func runRangeBatch(after lower: BackfillKey?, size: Int, walk: inout RangeWalk) async throws -> BatchOutcome? {
        let low = lower?.values.first?.integer ?? walk.low
        if low >= walk.high {
            guard let high = try await read(statements.keyRange, parameters: []).first?["high"].integer, high > low else { return nil }
            walk.high = high
        }
        // The next range holds about `size` rows at the last one's density; it may grow at most twofold.
        var width = Int64(min(Double(size) / max(walk.density, 1e-18), 9e18).rounded(.up))
        if walk.width > 0 { width = min(width, walk.width.multipliedReportingOverflow(by: 2).overflow ? .max : walk.width * 2) }
        width = max(1, width)
        let (sum, overflow) = low.addingReportingOverflow(width)
        let high = overflow ? walk.high : min(sum, walk.high)
        let upper = BackfillKey(values: [.integer(high)])
        guard let batch = statements.rangeBatch(checkpoint: history.checkpoint(key:rows:name:)) else { return nil }
        let rows = switch batch {
        case .counted(let sql): try await runCountedRange(sql, low: low, high: high, upper: upper)
        case .separate(let update, let checkpoint): try await runSeparateRange(update, checkpoint, low: low, high: high, upper: upper)
        }
        walk.width = high - low
        walk.density = Double(rows) / Double(max(1, high - low))
        return BatchOutcome(bound: Bound(upper: upper, rows: rows, isLast: false), rowsChanged: rows, next: nil)
    }

    /// A range batch as one counted statement after its settings, in one pipeline; returns the rows changed.
    private func runCountedRange(_ sql: String, low: Int64, high: Int64, upper: BackfillKey) async throws -> Int {
        let settings = dialect.transactionSettingsSQL(
            statementTimeout: backfill.statementTimeout, lockTimeout: backfill.lockTimeout, deferringFlush: dialect.deferredFlushSQL != nil)
        let pipeline = [settings, lockCheckSQL].compactMap { $0 }.map { BoundStatement($0, returnsRows: true, repeated: true) } + [
            BoundStatement(
                sql, parameters: [.integer(low), .integer(high), .text(upper.json), .text(backfill.name)], returnsRows: true, repeated: true),
        ]
        do {
            let results = try await session.executePipeline(pipeline)
            return Int(results[pipeline.count - 1].rows.first?.values.first?.integer ?? 0)
        } catch let failure as StatementBatchError {
            // The implicit transaction is rolled back already; its commit's failure has the index past the statements.
            guard !Task.isCancelled, !isLeftToTheLoop(failure.error) else { throw failure.error }
            throw BatchFailure(statement: failure.index < pipeline.count ? pipeline[failure.index].sql : "the batch's commit", error: failure.error)
        }
    }

    /// A range batch as its change, then the checkpoint counting it, in a transaction; returns the rows changed.
    private func runSeparateRange(_ update: String, _ checkpoint: String, low: Int64, high: Int64, upper: BackfillKey) async throws -> Int {
        var pipeline = ([dialect.beginTransactionSQL] + transactionSettings).map { BoundStatement($0) }
        if let lockCheck { pipeline.append(lockCheck) }
        let updateIndex = pipeline.count
        pipeline.append(BoundStatement(update, parameters: [.integer(low), .integer(high)], repeated: true))
        pipeline.append(BoundStatement(checkpoint, parameters: [.text(upper.json), .text(backfill.name)], repeated: true))
        pipeline.append(BoundStatement(dialect.commitSQL))
        do {
            return try await session.executePipeline(pipeline)[updateIndex].changedRows
        } catch let failure as StatementBatchError {
            try? await session.execute(dialect.rollbackSQL)
            guard !Task.isCancelled, !isLeftToTheLoop(failure.error) else { throw failure.error }
            throw BatchFailure(statement: pipeline[failure.index].sql, error: failure.error)
        } catch {
            try? await session.execute(dialect.rollbackSQL)
            throw error
        }
    }

    /// A batch's bound from the row ``BackfillStatements/boundary(after:)`` reads.
    private static func bound(from row: DatabaseRow, asked: Int) -> Bound {
        Bound(upper: BackfillKey(values: Array(row.values.dropLast())), rows: Int(row.values.last?.integer ?? 0), asked: asked)
    }

    /// A batch with ``Backfill/perBatch``: the transaction stays open while
    /// the closure works, so its statements go one by one.
    private func runBatch(
        after lower: BackfillKey?, size: Int, number: Int,
        _ perBatch: @Sendable (BackfillBatch, any DatabaseSession) async throws -> Void
    ) async throws -> BatchOutcome? {
        try await session.executeBatch([dialect.beginTransactionSQL] + transactionSettings)
        do {
            if let lockCheckSQL { _ = try await session.query(lockCheckSQL) }
            let rows = try await read(statements.keys(after: lower != nil), parameters: (lower?.values ?? []) + [.integer(Int64(size))])
            guard let last = rows.last else {
                try await session.execute(dialect.commitSQL)
                return nil
            }
            let upper = BackfillKey(values: last.values)
            let changed = try await update(after: lower, upper: upper)
            try await perBatch(BackfillBatch(keyColumns: statements.keyNames, keys: rows.map(\.values), number: number), session)
            let checkpoint = checkpoint(upper, rows: rows.count)
            _ = try await session.execute(checkpoint.sql, parameters: checkpoint.parameters)
            try await session.execute(dialect.commitSQL)
            return BatchOutcome(
                bound: Bound(upper: upper, rows: rows.count, asked: size), rowsChanged: backfill.set == nil ? rows.count : changed, next: nil)
        } catch {
            try? await session.execute(dialect.rollbackSQL)
            throw error
        }
    }

    /// What each batch's transaction sets first: a statement timeout, a
    /// lock timeout, a commit that does not wait for the flush.
    private var transactionSettings: [String] {
        [
            dialect.statementTimeoutSQL(backfill.statementTimeout),
            dialect.lockTimeoutSQL(backfill.lockTimeout, inTransaction: true),
            dialect.deferredFlushSQL,
        ].compactMap { $0 }
    }

    /// What each batch's transaction runs first to know it still holds the backfill's named lock.
    private var lockCheck: BoundStatement? {
        lockCheckSQL.map { BoundStatement($0, returnsRows: true, repeated: true) }
    }

    /// Whether `error` says a batch ran in a server session without the named lock (a pooler in transaction mode).
    private func isLockLoss(_ error: DatabaseError) -> Bool {
        (session as? any NamedLocking)?.isNamedLockCheckFailure(error) ?? false
    }

    /// The checkpoint of a batch that reached `upper`, covering `rows` rows.
    private func checkpoint(_ upper: BackfillKey, rows: Int) -> BoundStatement {
        BoundStatement(history.checkpoint, parameters: [.text(upper.json), .integer(Int64(rows)), .text(backfill.name)], repeated: true)
    }

    private func update(after lower: BackfillKey?, upper: BackfillKey) async throws -> Int {
        guard let update = statements.update(after: lower != nil) else { return 0 }
        do {
            return try await session.execute(update, parameters: (lower?.values ?? []) + upper.values)
        } catch let error as DatabaseError where !Task.isCancelled && !isLeftToTheLoop(error) {
            throw BatchFailure(statement: update, error: error)
        }
    }

    /// Runs one of the batch's reads; its failure names it.
    private func read(_ sql: String, parameters: [DatabaseValue]) async throws -> [DatabaseRow] {
        do {
            return try await session.query(sql, parameters: parameters)
        } catch let error as DatabaseError where !Task.isCancelled && !isLeftToTheLoop(error) {
            throw BatchFailure(statement: sql, error: error)
        }
    }

    /// Whether the batch loop deals with `error` itself: it retries the
    /// batch (smaller after a statement timeout), or stops as the lock does
    /// not hold; any other error is the batch's failure.
    private func isLeftToTheLoop(_ error: DatabaseError) -> Bool {
        if isLockLoss(error) { return true }
        guard let code = error.code else { return false }
        return code == Self.statementTimeoutCode || Self.retriedCodes.contains(code)
    }

    /// Waits while a streaming replica lags more than the limit; looks at
    /// most once a second.
    private func waitForReplicas(lastLook: inout ContinuousClock.Instant?, clock: ContinuousClock) async throws {
        guard let limit = backfill.maxReplicationLag, let reading else { return }
        if let lastLook, clock.now - lastLook < .seconds(1) { return }
        lastLook = clock.now
        while let lag = try await reading.replicationLag(), lag > limit {
            events(.waitingForReplica(lag: lag, limit: limit))
            try await Task.sleep(for: min(max(lag - limit, .milliseconds(200)), .seconds(5)))
        }
    }

    /// A statement of a batch that failed, not to be retried.
    private struct BatchFailure: Error {
        var statement: String
        var error: DatabaseError
    }

    /// Records the failure in the data history (the batch is rolled back) and describes it.
    private func failed(_ failure: BatchFailure, after: BackfillKey?, rowsDone: Int) async -> BackfillFailedError {
        try? await finish(.failed, error: failure.error.description)
        return BackfillFailedError(
            name: backfill.name, statement: failure.statement, after: after?.description, databaseError: failure.error,
            rowsDone: rowsDone, command: command)
    }

    /// Records that the run stopped since its lock does not hold, and describes it.
    private func lockLost(after lower: BackfillKey?, rowsDone: Int) async -> NamedLockLostError {
        try? await finish(.interrupted)
        return NamedLockLostError(
            what: "the backfill \(backfill.name)", whileTaking: false,
            progress: lower.map { "every row up to key \($0) is done (\(rowsDone) in all); the batch after it was rolled back" } ?? "no row was changed",
            command: command)
    }

    /// Records the interruption in the data history and describes it.
    private func interrupted(lastKey: BackfillKey?, rowsDone: Int) async -> BackfillInterruptedError {
        try? await finish(.interrupted)
        return BackfillInterruptedError(name: backfill.name, rowsDone: rowsDone, lastKey: lastKey?.description, command: command)
    }

    /// Ends the run's row in the data history: completed, failed or interrupted.
    private func finish(_ state: DataMigrationRecord.State, error: String? = nil) async throws {
        _ = try await session.execute(history.finish, parameters: [
            .text(state.rawValue), error.map(DatabaseValue.text) ?? .null, .text(backfill.name),
        ])
    }
}
