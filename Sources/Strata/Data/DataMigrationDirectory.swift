import Foundation

/// The data migrations folder: `.toml` backfills and `.sql` scripts, run
/// in byte-wise name order (a timestamp prefix orders them by creation).
public struct DataMigrationDirectory: Sendable {
    public var path: String

    public init(path: String) {
        self.path = path
    }

    /// Every data migration, in order; none when the folder does not exist.
    ///
    /// - Throws: ``MigrationFileError`` for a file that is neither `.toml`
    ///   nor `.sql`, or one that does not read.
    public func read() throws -> [DataMigrationFile] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else {
            throw MigrationFileError(path: path, problem: "is a file, not the data migrations folder", nextStep: "set data_dir in strata.toml to a folder")
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: path).filter { !$0.hasPrefix(".") }
            .sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var files: [DataMigrationFile] = []
        for name in names {
            let filePath = (path as NSString).appendingPathComponent(name)
            guard name.hasSuffix(".toml") || name.hasSuffix(".sql") else {
                if name.lowercased().hasPrefix("readme") { continue }
                var isFolder: ObjCBool = false
                let folder = FileManager.default.fileExists(atPath: filePath, isDirectory: &isFolder) && isFolder.boolValue
                throw MigrationFileError(
                    path: filePath, problem: folder ? "is a folder, not a data migration" : "is not a data migration",
                    nextStep: "a data migration is a .toml backfill or a .sql script directly in \(path); move other "
                        + (folder ? "folders" : "files") + " out of it")
            }
            files.append(try DataMigrationFile.read(filePath))
        }
        let byName = Dictionary(grouping: files, by: \.name)
        if let twice = byName.values.first(where: { $0.count > 1 }) {
            throw MigrationFileError(
                path: twice[0].path, problem: "shares its name with \(twice[1].path)",
                nextStep: "a data migration's name is its file name without the extension: rename one")
        }
        return files
    }
}
