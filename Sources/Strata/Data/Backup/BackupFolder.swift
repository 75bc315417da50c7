import Foundation

/// One backup on disk: a folder `<time>_<migration>` under the backups
/// folder, holding `manifest.json` and the files it names.
///
/// ```swift
/// for backup in try BackupFolder.all(in: ".strata/backups") { print(backup.path, backup.manifest.what) }
/// ```
public struct BackupFolder: Sendable {
    /// The folder, as the configuration's backups folder spells it.
    public var path: String
    public var manifest: BackupManifest

    public init(path: String, manifest: BackupManifest) {
        self.path = path
        self.manifest = manifest
    }

    /// The backups in `directory`, oldest first; an absent folder holds none.
    /// Subfolders without a manifest are not backups and are left out.
    public static func all(in directory: String) -> [BackupFolder] {
        guard let entries = FileSystem.entries(of: directory) else { return [] }
        return entries.filter(\.isDirectory).map(\.name).sorted().compactMap { name in
            let path = joinPath(directory, name)
            return (try? BackupManifest.read(from: URL(fileURLWithPath: path))).map { BackupFolder(path: path, manifest: $0) }
        }
    }

    /// A new, empty folder for a backup taken now: `<directory>/20240115120000_<label>`
    /// (`-2`, `-3`, ... when that exists).
    ///
    /// - Throws: ``BackupError`` when it cannot be created.
    static func create(in directory: String, label: String, at date: Date) throws -> URL {
        let stamp = Self.stamp(date)
        let safe = String(label.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
        var folder = URL(fileURLWithPath: joinPath(directory, "\(stamp)_\(safe)"))
        var suffix = 2
        while FileManager.default.fileExists(atPath: folder.path) {
            folder = URL(fileURLWithPath: joinPath(directory, "\(stamp)_\(safe)-\(suffix)"))
            suffix += 1
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BackupError(
                "the backup folder \(folder.path) cannot be created: \(error.localizedDescription)",
                nextStep: "make \(directory) writable, or set [backup] dir in strata.toml to a folder you may write to")
        }
        return folder
    }

    /// `20240115120000`, UTC: sorts as it reads, like migration versions.
    static func stamp(_ date: Date) -> String {
        String(Timestamp.format(date).prefix(19).filter(\.isNumber))
    }

    /// `2024-01-15T12:00:00Z`: when a backup was taken, for its manifest.
    static func createdAt(_ date: Date) -> String {
        Timestamp.format(date).prefix(19).replacingOccurrences(of: " ", with: "T") + "Z"
    }

    /// A file name for `table` (and `column`) in a backup folder: the names
    /// as they are, with path separators and controls replaced.
    package static func fileName(_ table: TableReference, column: String? = nil, extension suffix: String) -> String {
        let parts = [table.schema, table.name, column].compactMap { $0 }
        let name = parts.joined(separator: ".").map { $0 == "/" || $0 == "\\" || $0.isNewline || $0 == "\0" ? "_" : $0 }
        return String(name) + "." + suffix
    }

    /// The size of a file, 0 when it cannot be read.
    package static func size(of file: URL) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: file.path))?[.size] as? NSNumber)?.int64Value ?? 0
    }
}
