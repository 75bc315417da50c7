/// A change to every row of a table that matches a condition, made in
/// short batches along the table's key: a data migration that a big, busy
/// table survives.
///
/// ```swift
/// let backfill = Backfill(table: TableReference(name: "users"), set: "role = 'USER'", where: "role IS NULL")
/// let report = try await migrator.backfill(backfill) { event in print(event) }
/// ```
///
/// Each batch is one short transaction that also records how far the
/// backfill got (its last key), so a run stopped any way at all (Ctrl-C,
/// `kill -9`, a lost connection) continues where it stopped, and every row
/// is changed exactly once. Batches walk the key (the primary key, or
/// SQLite's rowid) forwards and never read a finished row again, so the
/// cost grows linearly with the table.
public struct Backfill: Sendable {
    /// What the backfill is known by in the data history: its checkpoint and lock.
    public var name: String
    public var table: TableReference
    /// The assignments of `UPDATE ... SET`, e.g. `role = 'USER'`; `nil` when
    /// ``perBatch`` alone makes the change.
    public var set: String?
    /// The rows to change (`WHERE`), or `nil` for every row.
    public var condition: String?
    /// The columns batches walk along; `nil` takes the primary key (SQLite:
    /// else the rowid). They must identify a row and never change.
    public var key: [String]?
    /// How big a batch is.
    public var batching: Batching
    /// The rest between batches, for the rest of the workload.
    public var pause: Duration
    /// Batches wait while a streaming replica is further behind than this
    /// (PostgreSQL); `nil` does not look.
    public var maxReplicationLag: Duration?
    /// A batch's statements are cancelled after this long (PostgreSQL
    /// `statement_timeout`); a batch cancelled so is retried at half the size.
    public var statementTimeout: Duration
    /// How long a batch waits for a row or table lock another transaction
    /// holds (PostgreSQL `lock_timeout`) before it is rolled back and tried again.
    public var lockTimeout: Duration
    /// Work for each batch that SQL cannot express, run after ``set`` in the
    /// batch's transaction, with the batch's keys and the session.
    public var perBatch: (@Sendable (BackfillBatch, any DatabaseSession) async throws -> Void)?

    /// How big batches are.
    public enum Batching: Sendable, Equatable {
        /// A fixed number of rows.
        case rows(Int)
        /// As many rows as take about this long, learned batch by batch.
        case duration(Duration)
    }

    public static let defaultBatchSize = 1000
    public static let defaultStatementTimeout: Duration = .seconds(30)
    public static let defaultLockTimeout: Duration = .seconds(2)
    public static let defaultMaxReplicationLag: Duration = .seconds(5)

    /// - Parameter name: defaults to one made of the table and a hash of the change,
    ///   so running the same backfill again resumes it.
    public init(
        name: String? = nil, table: TableReference, set: String?, where condition: String? = nil, key: [String]? = nil,
        batching: Batching = .rows(Backfill.defaultBatchSize), pause: Duration = .zero,
        maxReplicationLag: Duration? = Backfill.defaultMaxReplicationLag,
        statementTimeout: Duration = Backfill.defaultStatementTimeout, lockTimeout: Duration = Backfill.defaultLockTimeout,
        perBatch: (@Sendable (BackfillBatch, any DatabaseSession) async throws -> Void)? = nil
    ) {
        self.name = name ?? Self.defaultName(table: table, set: set, condition: condition)
        self.table = table
        self.set = set
        self.condition = condition
        self.key = key
        self.batching = batching
        self.pause = pause
        self.maxReplicationLag = maxReplicationLag
        self.statementTimeout = statementTimeout
        self.lockTimeout = lockTimeout
        self.perBatch = perBatch
    }

    /// SHA-256 of what the change is (table, assignments, condition, key),
    /// which tells an edited backfill from a resumed one.
    var checksum: String {
        let definition = [table.description, set ?? "", condition ?? "", key?.joined(separator: ",") ?? ""].joined(separator: "\n")
        return Checksum.sha256Hex(Array(definition.utf8))
    }

    /// `backfill_users_3f2a9c1d`: the table and the first hex digits of the change's hash.
    static func defaultName(table: TableReference, set: String?, condition: String?) -> String {
        let digest = Checksum.sha256Hex(Array([set ?? "", condition ?? ""].joined(separator: "\n").utf8))
        return "backfill_\(table.name)_\(digest.prefix(8))"
    }
}

/// One batch, as ``Backfill/perBatch`` sees it.
public struct BackfillBatch: Sendable {
    /// The key columns, in order.
    public var keyColumns: [String]
    /// The key of each row of the batch, in key order (the rows matching the
    /// condition when the batch was read).
    public var keys: [[DatabaseValue]]
    /// The batch's number, from 1 for the first batch of the backfill.
    public var number: Int
}
