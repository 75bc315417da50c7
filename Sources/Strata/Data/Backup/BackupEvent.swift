/// What the backups before destructive statements did, as it happens
/// (``MigratorEvent/backup(_:)``).
public enum BackupEvent: Sendable, CustomStringConvertible {
    /// A backup file was written into `folder`.
    case backedUp(BackupItem, folder: String)
    /// `what` needs no backup, and why: it is empty, or not there before the migration runs.
    case notNeeded(what: String, reason: String, migration: String)
    /// A dry run: `content` would be backed up before `migration` runs.
    case wouldBackUp(BackupContent, migration: String)
    /// Backups are turned off: `statement` of `migration` destroys data without one.
    case turnedOff(BackupStatement, migration: String)

    public var description: String {
        switch self {
        case .backedUp(let item, let folder):
            "Backed up \(item.what) (\(item.rows == 1 ? "1 row" : "\(item.rows) rows"), \(ByteCount.text(item.bytes))) to \(folder)"
        case .notNeeded(let what, let reason, let migration):
            "\(what) needs no backup before \(migration): \(reason)"
        case .wouldBackUp(let content, let migration):
            "Would back up \(content.what) (\(content.rows == 1 ? "1 row" : "\(content.rows) rows")) before \(migration)"
        case .turnedOff(let statement, let migration):
            "warning: \(migration) runs `\(statement.sql)` (\(statement.place)) WITHOUT A BACKUP: backups are turned off "
                + "(backup = false or [backup] enabled = false in strata.toml)"
        }
    }
}
