import Foundation

/// The exit statuses of `strata`. They are part of the interface: scripts and
/// CI depend on them, so they never change meaning.
public enum ExitStatus: Int32, Sendable, CaseIterable {
    /// Done; for `status`, everything is applied.
    case success = 0
    /// Bad input, configuration, connection, or any other error.
    case failure = 1
    /// `status`: migrations are waiting to be applied.
    case pending = 2
    /// Something needs a human: a failed, edited, missing or out-of-order
    /// migration, or `strata.sum` disagrees with the files.
    case attention = 3
    /// Another runner held the migration lock for longer than `--lock-timeout`.
    case lockTimeout = 4
    /// A migration failed while running; the history says where.
    case migrationFailed = 5
    /// A backup or restore failed or was refused (`pg_dump` missing or too
    /// old, a tool's error, not a backup folder, data in the way); the
    /// migration it was taken for did not run.
    case backupFailed = 6
    /// Interrupted (Ctrl-C, `SIGTERM`, or the caller cancelled the task)
    /// between two migrations, or before anything changed.
    case interrupted = 130
}
