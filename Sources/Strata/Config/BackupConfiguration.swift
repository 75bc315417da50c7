/// Whether and where `migrate deploy` backs up what a destructive statement
/// destroys: `strata.toml`'s `[backup]` table (or top-level `backup = false`).
///
/// ```toml
/// [backup]
/// enabled = true
/// dir = "/mnt/backups/app"      # relative to strata.toml; default .strata/backups
/// pg_dump = "/usr/lib/postgresql/16/bin/pg_dump"
/// ```
public struct BackupConfiguration: Sendable, Equatable {
    /// Whether deploy backs up before a destructive statement. Turned off,
    /// deploy warns every time it runs one without a backup.
    public var enabled: Bool
    /// The folder backups go into, one subfolder each.
    public var directory: String
    /// The `pg_dump` to run (its folder's `pg_restore` restores); `nil` finds
    /// it on `PATH`. ``pgDumpVariable`` overrides both.
    public var pgDump: String?

    /// The environment variable naming the `pg_dump` to run.
    public static let pgDumpVariable = "STRATA_PG_DUMP"
    /// Where backups go when nothing says otherwise, relative to the project.
    public static let defaultDirectory = ".strata/backups"

    public init(enabled: Bool = true, directory: String = BackupConfiguration.defaultDirectory, pgDump: String? = nil) {
        self.enabled = enabled
        self.directory = directory
        self.pgDump = pgDump
    }
}
