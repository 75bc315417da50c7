/// `strata data status`: where every data migration stands.
extension Migrator {
    /// The data migrations of the folder and the data history (backfills
    /// run from the command line are in the history only). Reads only.
    public func dataStatus() async throws -> DataStatusReport {
        try await withSession(checking: { try dataDirectory.read() }, reading: { _ in }, readOnly: true) { files, _, session in
            var records: [String: DataMigrationRecord] = [:]
            if let history = try await existingDataHistory(session) {
                for row in try await session.query(history.selectAll) {
                    if let record = DataMigrationRecord(row), record.kind != .seed { records[record.name] = record }
                }
            }
            var entries = files.map { file in
                let record = records.removeValue(forKey: file.name)
                return DataStatusEntry(
                    name: file.name, path: file.path, record: record,
                    edited: record.map { $0.checksum != file.checksum } ?? false)
            }
            entries += records.values.sorted { $0.name < $1.name }.map {
                DataStatusEntry(name: $0.name, path: nil, record: $0, edited: false)
            }
            return DataStatusReport(dataPath: configuration.dataPath, entries: entries)
        }
    }
}

/// Where the data migrations stand.
public struct DataStatusReport: Sendable {
    /// The data migrations folder.
    public var dataPath: String
    /// The folder's files in order, then backfills known to the history only.
    public var entries: [DataStatusEntry]

    /// Files that have not completed.
    public var pending: [DataStatusEntry] { entries.filter { $0.path != nil && $0.record?.state != .completed } }
}

/// One data migration's standing.
public struct DataStatusEntry: Sendable {
    public var name: String
    /// Its file; `nil` for a backfill run from the command line.
    public var path: String?
    /// Its row in the data history; `nil` when it never ran.
    public var record: DataMigrationRecord?
    /// Whether the file changed since its run (for a backfill: its table, change or key).
    public var edited: Bool
}
