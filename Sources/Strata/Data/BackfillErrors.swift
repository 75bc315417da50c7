/// A batch of a backfill failed: the batch is rolled back, the ones before
/// it stay done, and the next run resumes after them.
public struct BackfillFailedError: StrataError {
    public var name: String
    /// The statement that failed, as sent (with its placeholders).
    public var statement: String
    /// The keys after which the batch began; `nil` for the first batch.
    public var after: String?
    public var databaseError: DatabaseError
    /// Rows changed by committed batches, earlier runs included.
    public var rowsDone: Int
    /// How to run it again (`strata data backfill ...` or `strata data run NAME`).
    public var command: String

    public var summary: String { "the backfill \(name) failed in a batch: \(databaseError.message)" }

    public var details: [String] {
        var lines = ["statement: \(statement)"]
        lines.append(after.map { "batch after key \($0); \(rowsDone) rows done before it stay done" } ?? "first batch; no row changed")
        lines.append("database: \(databaseError)")
        return lines
    }

    public var nextStep: String? {
        "fix the cause, then run `\(command)` again: it resumes after the last batch that committed "
            + "(changing --set or --where makes it a new backfill, from the first row, unless you give the same --name)"
    }

    public var exitStatus: ExitStatus { .migrationFailed }
}

/// A backfill stopped (Ctrl-C, `SIGTERM`, a cancelled task): the batch in
/// flight was rolled back, every committed batch stays done.
public struct BackfillInterruptedError: StrataError {
    public var name: String
    public var rowsDone: Int
    /// The last key done, as text; `nil` when no batch committed yet.
    public var lastKey: String?
    public var command: String

    public var summary: String {
        "interrupted: the backfill \(name) stopped after \(rowsDone) row\(rowsDone == 1 ? "" : "s")"
    }

    public var details: [String] {
        [lastKey.map { "the batch in flight was rolled back; every row up to key \($0) is done" }
            ?? "the batch in flight was rolled back; no row was changed"]
    }

    public var nextStep: String? { "run `\(command)` again to resume where it stopped" }

    public var exitStatus: ExitStatus { .interrupted }
}
