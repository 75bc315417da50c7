/// What a running backfill reports, for a progress bar or log lines.
public enum BackfillEvent: Sendable {
    /// The run began (or resumed): what it walks and how much is left.
    case started(BackfillStart)
    /// A batch committed.
    case batch(BackfillProgress)
    /// Batches wait: a streaming replica is `lag` behind (over the limit).
    case waitingForReplica(lag: Duration, limit: Duration)
    /// A batch was rolled back and is tried again: why, and the batch size now.
    case retrying(reason: String, batchSize: Int)
}

/// How a backfill run begins.
public struct BackfillStart: Sendable {
    public var name: String
    public var table: TableReference
    /// The key batches walk along.
    public var keyColumns: [String]
    /// Where the run resumes: the last key a committed batch reached, shown as text.
    public var resumingAfter: String?
    /// Rows changed by earlier runs.
    public var rowsDoneBefore: Int
    /// The database's estimate of the rows still to do, when it has one.
    public var estimatedRemaining: Int?
    /// Whether an index leads with the key, so a batch finds its rows
    /// without reading the table; `false` makes every batch read it whole.
    public var keyIsIndexed: Bool
}

/// Where a backfill stands after a batch.
public struct BackfillProgress: Sendable {
    /// Rows changed so far, earlier runs included.
    public var rowsDone: Int
    /// Rows changed by this run.
    public var rowsThisRun: Int
    /// Batches committed so far, earlier runs included.
    public var batches: Int
    /// The last key done, shown as text.
    public var lastKey: String
    /// The size of the next batch.
    public var batchSize: Int
    /// How long the batch took.
    public var batchDuration: Duration
    /// How long this run's batches have taken, from the first one's start.
    public var elapsed: Duration
    /// The estimate of all rows, done and to do, when there is one.
    public var estimatedTotal: Int?

    /// Rows a second, over this run.
    public var rowsPerSecond: Double {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return seconds > 0 ? Double(rowsThisRun) / seconds : 0
    }
}

/// What a backfill run did.
public struct BackfillReport: Sendable {
    public var name: String
    public var table: TableReference
    public var keyColumns: [String]
    /// Rows changed, earlier runs included.
    public var rowsDone: Int
    /// Rows changed by this run.
    public var rowsThisRun: Int
    public var batches: Int
    public var elapsed: Duration
    /// Whether this run resumed an earlier one.
    public var resumed: Bool
    /// Whether there was nothing to do: the backfill had completed before.
    public var alreadyCompleted: Bool
}
