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
        return !record.leavesEffects
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

    /// What stops `deploy` in `entries` until a person settles it, each
    /// with the command that settles it: a failure that left effects, an
    /// interrupted run (when `runningIsProblem`: without the lock a `running`
    /// row may be a run in progress), an edited migration, one missing on disk
    /// (unless a newer release applied it), one out of order (unless allowed).
    static func problems(
        in entries: [MigrationStatus], allowOutOfOrder: Bool = false, runningIsProblem: Bool = true
    ) -> [(name: String, problem: IntegrityError.Problem)] {
        let newer = Set(missingFromNewerRelease(in: entries).map(\.name))
        let lastApplied = entries.filter { $0.state == .applied }.map(\.name).max(by: Migration.precedes)
        return entries.compactMap { entry in
            let problem: IntegrityError.Problem
            switch entry.state {
            case .failed where !entry.failedCleanly: problem = .failed(entry)
            case .running where runningIsProblem: problem = .interrupted(entry)
            case .edited: problem = .edited(entry)
            case .missing where !newer.contains(entry.name): problem = .missing(entry)
            case .outOfOrder where !allowOutOfOrder: problem = .outOfOrder(entry, lastApplied: lastApplied)
            default: return nil
            }
            return (entry.name, problem)
        }
    }
}
