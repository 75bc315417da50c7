/// A backup or restore that could not be done: a missing or too old
/// `pg_dump`, a tool or database that failed, a folder that is no backup,
/// a restore that would overwrite data. Raised before the migration it
/// protects runs, so nothing was applied.
public struct BackupError: StrataError {
    public var summary: String
    public var details: [String]
    public var nextStep: String?
    public var exitStatus: ExitStatus { .backupFailed }

    public init(_ summary: String, details: [String] = [], nextStep: String? = nil) {
        self.summary = summary
        self.details = details
        self.nextStep = nextStep
    }
}
