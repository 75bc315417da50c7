import Foundation

/// A session that can back up data before a destructive statement and
/// bring it back: the product-specific half of Strata's backups
/// (PostgreSQL: `pg_dump`, `COPY ... TO STDOUT` and `pg_restore`; SQLite:
/// the online backup API). The engine decides what and when
/// (``BackupTarget``, backup folders, manifests); the session does how.
///
/// ```swift
/// if let backups = session as? any BackupTaking {
///     try await backups.checkBackupTools(configuration.backup)
///     let contents = try await backups.backupContents(of: .column(users, "email"))
///     let items = try await backups.writeBackup(of: contents, into: folder, configuration: configuration.backup)
/// }
/// ```
public protocol BackupTaking: Sendable {
    /// Checks, before anything runs, that a backup can be taken: the tools
    /// it needs are there and suit the server. Throws ``BackupError``.
    func checkBackupTools(_ configuration: BackupConfiguration) async throws

    /// What `target` holds now, one entry per table (a schema covers its
    /// tables); empty when it does not exist.
    func backupContents(of target: BackupTarget) async throws -> [BackupContent]

    /// Writes a backup of the whole database into `folder`, for
    /// `strata db backup` without `--table`. Throws ``BackupError``.
    func writeDatabaseBackup(into folder: URL, configuration: BackupConfiguration) async throws -> BackupItem

    /// Writes the backup of `contents` into `folder` (which exists) and
    /// says what it wrote. Throws ``BackupError``.
    func writeBackup(of contents: [BackupContent], into folder: URL, configuration: BackupConfiguration) async throws -> [BackupItem]

    /// Why restoring `item` would overwrite data that is there now, or `nil` when it would not.
    func restoreConflict(_ item: BackupItem) async throws -> String?

    /// Brings back `item`'s data from `folder`, replacing what is in its way
    /// (the caller has checked ``restoreConflict(_:)`` or was told `--force`);
    /// returns how many rows came back. Throws ``BackupError``.
    func restore(_ item: BackupItem, from folder: URL, configuration: BackupConfiguration) async throws -> Int
}
