import Foundation

/// `strata db backup`, `db restore` and `db backups`.
extension Migrator {
    /// Backs up tables by hand, or the whole database when `tables` is
    /// empty, into a new folder of the backups folder.
    ///
    /// ```swift
    /// let backup = try await migrator.backUp(tables: ["users"])
    /// print(backup.path, backup.manifest.bytes)
    /// ```
    ///
    /// - Throws: ``BackupError`` for a table that does not exist, a missing
    ///   tool or a failed dump; nothing is left behind.
    public func backUp(tables: [String]) async throws -> BackupFolder {
        try await withSession(checking: {}, reading: { _ in }) { _, _, session in
            let backups = try backupTaking(session)
            try await backups.checkBackupTools(configuration.backup)
            var contents: [BackupContent] = []
            for name in tables {
                let found = try await backups.backupContents(of: .table(Self.tableReference(name)))
                guard !found.isEmpty else {
                    throw BackupError("there is no table \(name) in \(configuration.url.description)", nextStep: "check the name (schema.table for another schema); nothing was backed up")
                }
                contents += found
            }
            let folder = try BackupFolder.create(in: configuration.backup.directory, label: "manual", at: Date())
            do {
                let items = tables.isEmpty
                    ? [try await backups.writeDatabaseBackup(into: folder, configuration: configuration.backup)]
                    : try await backups.writeBackup(of: contents, into: folder, configuration: configuration.backup)
                let manifest = BackupManifest(
                    createdAt: BackupFolder.createdAt(Date()), database: configuration.url.description, product: driver.name,
                    migration: nil, items: items)
                try manifest.write(to: folder)
                return BackupFolder(path: joinPath(configuration.backup.directory, folder.lastPathComponent), manifest: manifest)
            } catch {
                try? FileManager.default.removeItem(at: folder)
                throw error
            }
        }
    }

    /// Brings back the data of the backup at `path` into the configured
    /// database: dropped tables re-created, dropped columns added again and
    /// refilled by key, an SQLite file restored whole.
    ///
    /// ```swift
    /// let report = try await migrator.restore(".strata/backups/20240115120000_drop_email", force: false)
    /// ```
    ///
    /// - Throws: ``BackupError`` when `path` is no backup, is from another
    ///   product, or (without `force`) would overwrite data that is there
    ///   now; nothing is changed then.
    public func restore(_ path: String, force: Bool) async throws -> RestoreReport {
        let folder = URL(fileURLWithPath: path.hasSuffix("/" + BackupManifest.fileName) ? (path as NSString).deletingLastPathComponent : path)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw BackupError(
                "\(path) is not a backup folder: " + (FileManager.default.fileExists(atPath: folder.path) ? "it is a file" : "it does not exist"),
                nextStep: "pass a folder `strata db backups` lists (backups are in \(configuration.backup.directory)); nothing was restored")
        }
        let inside = BackupFolder.all(in: folder.path)
        if let newest = inside.last, !FileManager.default.fileExists(atPath: folder.appendingPathComponent(BackupManifest.fileName).path) {
            throw BackupError(
                "\(path) is a folder of backups, not one backup",
                nextStep: "pass one of its \(inside.count) backups, e.g. the newest: strata db restore \(joinPath(path, (newest.path as NSString).lastPathComponent)); nothing was restored")
        }
        let manifest = try BackupManifest.read(from: folder, shownAs: path)
        guard manifest.product == driver.name else {
            throw BackupError(
                "\(path) is a backup of a \(manifest.product) database; \(configuration.url.description) is \(driver.name)",
                nextStep: "point --url (or --env) at a \(manifest.product) database; nothing was restored")
        }
        for item in manifest.items where !FileManager.default.fileExists(atPath: folder.appendingPathComponent(item.file).path) {
            throw BackupError("\(path) is incomplete: \(item.file) is missing", nextStep: "restore from another backup; nothing was restored")
        }
        let order: [BackupItem.Kind] = [.database, .table, .column]
        let items = manifest.items.sorted { order.firstIndex(of: $0.kind)! < order.firstIndex(of: $1.kind)! }
        return try await withSession(checking: {}, reading: { _ in }) { _, _, session in
            let backups = try backupTaking(session)
            try await backups.checkBackupTools(configuration.backup)
            if !force {
                var conflicts: [String] = []
                for item in items {
                    if let conflict = try await backups.restoreConflict(item) { conflicts.append(conflict) }
                }
                guard conflicts.isEmpty else {
                    throw BackupError(
                        "restoring \(path) would overwrite data in \(configuration.url.description)", details: conflicts,
                        nextStep: "pass --force to replace it, or restore into another database with --url; nothing was restored")
                }
            }
            var restored: [RestoreReport.Entry] = []
            for item in items {
                restored.append(RestoreReport.Entry(item: item, rows: try await backups.restore(item, from: folder, configuration: configuration.backup)))
            }
            return RestoreReport(path: path, manifest: manifest, restored: restored)
        }
    }

    /// The backups in the backups folder, oldest first. Reads only files.
    public func backups() -> [BackupFolder] {
        BackupFolder.all(in: configuration.backup.directory)
    }

    private func backupTaking(_ session: any Database) throws -> any BackupTaking {
        guard let backups = session as? any BackupTaking else {
            throw BackupError("\(driver.name) databases cannot be backed up by Strata", nextStep: "use the database's own backup tool")
        }
        return backups
    }

    /// `schema.table` or `table`.
    private static func tableReference(_ name: String) -> TableReference {
        let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
        return parts.count == 2 ? TableReference(schema: parts[0], name: parts[1]) : TableReference(name: name)
    }
}

/// What `restore` brought back.
public struct RestoreReport: Sendable {
    /// The backup folder, as given.
    public var path: String
    public var manifest: BackupManifest
    public var restored: [Entry]

    /// One item restored, and how many rows came back.
    public struct Entry: Sendable {
        public var item: BackupItem
        public var rows: Int
    }
}
