/// The migrations on disk set against the database's history.
struct Plan: Sendable {
    let entries: [MigrationStatus]

    /// Matches folders with history rows.
    init(migrations: [Migration], history: History) {
        let latest = history.latestByName
        var lastApplied: String?
        for record in latest.values where record.state == .applied {
            if lastApplied.map({ Migration.precedes($0, record.name) }) ?? true { lastApplied = record.name }
        }
        var entries: [MigrationStatus] = []
        entries.reserveCapacity(migrations.count)
        let onDisk = Set(migrations.lazy.map { $0.name })
        for migration in migrations {
            let record = latest[migration.name]
            let state: MigrationStatus.State
            switch record?.state {
            case nil, .rolledBack?:
                if let lastApplied, Migration.precedes(migration.name, lastApplied) {
                    state = .outOfOrder
                } else {
                    state = .pending
                }
            case .applied?:
                state = Checksum.matches(recorded: record!.checksum, script: migration.up) ? .applied : .edited
            case .failed?: state = .failed
            case .running?: state = .running
            }
            entries.append(MigrationStatus(name: migration.name, state: state, migration: migration, record: record))
        }
        // Gone from disk and nothing of it in the database (rolled back, or a failure that left nothing): forgotten.
        let missing = latest.values
            .filter { !onDisk.contains($0.name) && $0.leavesEffects && $0.operation != .removed }
            .sorted { $0.id < $1.id }
        for record in missing {
            entries.append(MigrationStatus(name: record.name, state: .missing, migration: nil, record: record))
        }
        self.entries = entries
    }

    func entries(_ state: MigrationStatus.State) -> [MigrationStatus] {
        entries.filter { $0.state == state }
    }

    /// Migrations missing on disk that sort after every folder: applied by a
    /// newer release than the one deploying now (a rolled-back app deploy).
    /// They do not stop `deploy`; any other missing migration does.
    var missingFromNewerRelease: [MigrationStatus] {
        MigrationStatus.missingFromNewerRelease(in: entries)
    }
}
