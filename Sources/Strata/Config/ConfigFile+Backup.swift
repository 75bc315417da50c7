import TOMLKit

extension ConfigFile {
    /// The settings of `[backup]`, as written.
    struct Backup: Sendable {
        var enabled: Bool?
        /// Relative to the file.
        var dir: String?
        var pgDump: String?
    }

    static let backupKeys = ["enabled", "dir", "pg_dump"]

    /// `backup = false`, or a `[backup]` table.
    static func backup(_ value: any TOMLValueConvertible, path: String) throws -> Backup {
        if let flag = value.bool { return Backup(enabled: flag) }
        guard let table = value.table else {
            throw ConfigurationError(
                "\(path): backup must be true, false or a [backup] table",
                nextStep: "write `backup = false`, or a [backup] table with " + backupKeys.joined(separator: ", "))
        }
        var backup = Backup()
        for (key, value) in table {
            let setting = "\(path): backup.\(key)"
            switch key {
            case "enabled":
                guard let flag = value.bool else { throw ConfigurationError("\(setting) must be true or false") }
                backup.enabled = flag
            case "dir":
                guard let folder = value.string, !folder.isEmpty else {
                    throw ConfigurationError("\(setting) must be a folder, e.g. \".strata/backups\"")
                }
                backup.dir = folder
            case "pg_dump":
                guard let program = value.string, !program.isEmpty else {
                    throw ConfigurationError("\(setting) must be the path of pg_dump, e.g. \"/usr/lib/postgresql/16/bin/pg_dump\"")
                }
                backup.pgDump = program
            default:
                throw ConfigurationError(
                    "\(setting): unknown setting `\(key)`", nextStep: "[backup] takes " + backupKeys.joined(separator: ", "))
            }
        }
        return backup
    }
}
