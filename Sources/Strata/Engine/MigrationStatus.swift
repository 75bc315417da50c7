/// Where one migration stands: on disk, in the database, or both.
public struct MigrationStatus: Sendable {
    public enum State: String, Sendable, Codable {
        /// Applied, and the file is unchanged.
        case applied
        /// Not applied yet (or rolled back), and sorts after every applied one.
        case pending
        /// Not applied, but sorts before an applied migration (merged from a branch).
        case outOfOrder = "out-of-order"
        /// The newest attempt failed.
        case failed
        /// Started and not finished: running now, or its runner died.
        case running
        /// Applied, but `migration.sql` changed since.
        case edited
        /// Applied (or failed) in the database, but its folder is gone.
        case missing = "missing-on-disk"
    }

    /// The folder name.
    public var name: String
    public var state: State
    /// The files, when the folder exists.
    public var migration: Migration?
    /// The newest history row, when there is one.
    public var record: HistoryRecord?

    public init(name: String, state: State, migration: Migration?, record: HistoryRecord?) {
        self.name = name
        self.state = state
        self.migration = migration
        self.record = record
    }

    /// A failure that left nothing behind, so `deploy` tries it again: its
    /// transaction rolled back, or (run statement by statement) no statement
    /// had taken effect.
    public var failedCleanly: Bool {
        guard state == .failed, let record else { return false }
        return record.execution == .transaction || record.statementsRun == 0
    }
}

extension MigrationStatus {
    /// Of `entries` (those on disk in order, then those missing on disk), the
    /// missing ones applied by a newer release: see ``Plan/missingFromNewerRelease``.
    static func missingFromNewerRelease(in entries: [MigrationStatus]) -> [MigrationStatus] {
        let lastOnDisk = entries.compactMap(\.migration).last?.name
        return entries.filter { entry in
            entry.state == .missing && entry.record?.state == .applied
                && lastOnDisk.map { Migration.precedes($0, entry.name) } ?? true
        }
    }

    /// Whether `deploy` refuses because of this migration until a person settles it.
    /// `newerRelease` says whether it is missing on disk because a newer release applied it.
    func stopsDeploy(newerRelease: Bool) -> Bool {
        switch state {
        case .failed: !failedCleanly
        case .running, .edited, .outOfOrder: true
        case .missing: !newerRelease
        case .applied, .pending: false
        }
    }
}
