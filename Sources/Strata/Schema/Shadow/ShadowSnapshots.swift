import Foundation

/// Saved states of shadow databases, so that a history replayed once is
/// not replayed again: the engine opens the snapshot of the longest prefix
/// of the history it has and applies only the migrations after it. Keys
/// hash the migrations' contents in order, so an edited, added or removed
/// migration never reads a stale state. PostgreSQL keeps snapshots as
/// template databases on the server, SQLite as files under `.strata/shadow/`.
public struct ShadowSnapshots: Sendable {
    /// A new shadow holding the first snapshot of `keys` that exists, with
    /// that key's index in `keys`; `nil` when none does (or it cannot be copied now).
    public var open: @Sendable (_ keys: [String], _ place: ShadowSnapshotPlace) async throws -> (index: Int, shadow: ShadowDatabase)?
    /// Saves the shadow's state as `key` and removes the snapshot `replacing`;
    /// returns the shadow to go on with. Best effort: a snapshot that cannot
    /// be saved is not an error, the next run replays more; it throws only
    /// when the shadow itself cannot be used again.
    public var keep: @Sendable (_ shadow: ShadowDatabase, _ key: String, _ replacing: String?, _ place: ShadowSnapshotPlace) async throws -> ShadowDatabase
    /// A session on the snapshot `key` itself, not a copy, for a caller
    /// that only reads it; `nil` when there is none. Where copying costs
    /// (PostgreSQL's `CREATE DATABASE`), reading needs no copy at all.
    public var read: (@Sendable (_ key: String, _ place: ShadowSnapshotPlace) async -> (any Database)?)?

    public init(
        open: @escaping @Sendable (_ keys: [String], _ place: ShadowSnapshotPlace) async throws -> (index: Int, shadow: ShadowDatabase)?,
        keep: @escaping @Sendable (_ shadow: ShadowDatabase, _ key: String, _ replacing: String?, _ place: ShadowSnapshotPlace) async throws -> ShadowDatabase,
        read: (@Sendable (_ key: String, _ place: ShadowSnapshotPlace) async -> (any Database)?)? = nil
    ) {
        self.open = open
        self.keep = keep
        self.read = read
    }
}

/// Where snapshots live: next to the configured database (PostgreSQL), in the project's `.strata/shadow/` (SQLite).
public struct ShadowSnapshotPlace: Sendable {
    /// The configured database, next to which shadows are made.
    public var request: ConnectionRequest
    /// The project's folder for snapshot files.
    public var folder: String

    public init(request: ConnectionRequest, folder: String) {
        self.request = request
        self.folder = folder
    }

    /// Makes ``folder``, with a `.gitignore` beside it that keeps the cache
    /// out of git whatever the project's own `.gitignore` says.
    public func prepareFolder() throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let ignore = (folder as NSString).deletingLastPathComponent + "/.gitignore"
        if !manager.fileExists(atPath: ignore) { try Data("*\n".utf8).write(to: URL(fileURLWithPath: ignore)) }
    }
}
