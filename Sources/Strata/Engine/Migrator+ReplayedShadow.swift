import Crypto
import Foundation

/// A shadow database holding a history, from the newest snapshot the driver kept.
extension Migrator {
    /// Runs `body` on a shadow database where `migrations` are applied.
    ///
    /// Where the driver keeps snapshots (``DatabaseDriver/shadowSnapshots``)
    /// and no shadow is configured, the shadow starts from the snapshot of
    /// the longest prefix of `migrations` kept by an earlier run, only the
    /// migrations after it are applied, and the result is kept for the next
    /// run in place of the snapshot it started from. `body` may change the
    /// shadow: the snapshot is saved before it runs.
    ///
    /// `readingOnly`: `body` promises not to change the database, so a
    /// snapshot of the whole history is read where it is, not copied
    /// (``ShadowSnapshots/read``).
    func withReplayedShadow<T: Sendable>(
        _ migrations: [Migration], prismaShadow: PrismaSetting? = nil, readingOnly: Bool = false,
        _ body: (any Database) async throws -> T
    ) async throws -> T {
        // Snapshots belong to a project: none is kept where there is no migrations folder.
        guard let snapshots = driver.shadowSnapshots, !migrations.isEmpty, directory.exists,
            try configuredShadow(prismaShadow) == nil, driver.schemes.contains(configuration.url.scheme)
        else {
            return try await withShadow(prismaShadow: prismaShadow) { shadow in
                try await ShadowReplay(session: shadow).apply(migrations)
                return try await body(shadow)
            }
        }
        let keys = snapshotKeys(migrations)
        let place = ShadowSnapshotPlace(
            request: ConnectionRequest(url: configuration.url, schema: configuration.schema, applicationName: "strata shadow"),
            folder: snapshotFolder)
        if readingOnly, let read = snapshots.read, let session = await read(keys[keys.count - 1], place) {
            return try await run(body: body, on: session)
        }
        // Newest first: keys[i] holds migrations[0...i].
        let kept = try? await snapshots.open(keys.reversed(), place)
        let applied = kept.map { keys.count - $0.index } ?? 0
        var shadow: ShadowDatabase
        if let kept {
            shadow = kept.shadow
        } else if let openShadow = driver.openShadow {
            shadow = try await openShadow(place.request)
        } else {
            throw ShadowDatabaseError(summary: "\(driver.name) cannot make a shadow database", nextStep: "use PostgreSQL or SQLite")
        }
        do {
            try await ShadowReplay(session: shadow.session).apply(Array(migrations[applied...]))
            if applied < migrations.count {
                shadow = try await snapshots.keep(shadow, keys[keys.count - 1], applied > 0 ? keys[applied - 1] : nil, place)
            }
            let result = try await body(shadow.session)
            await shadow.discard()
            return result
        } catch {
            await shadow.discard()
            throw error
        }
    }

    /// One key per prefix of the history: `keys[i]` hashes the product, the
    /// target schema and migrations 0...i (names and contents), chained.
    func snapshotKeys(_ migrations: [Migration]) -> [String] {
        var chain = SHA256.hash(data: Data("strata-shadow-1|\(driver.name)|\(configuration.schema ?? "")".utf8))
        return migrations.map { migration in
            var hasher = SHA256()
            hasher.update(data: Data(chain))
            hasher.update(data: Data(migration.name.utf8))
            hasher.update(data: Data(migration.up.checksum.utf8))
            chain = hasher.finalize()
            return Checksum.hex(chain)
        }
    }

    /// `.strata/shadow/` beside the migrations folder.
    var snapshotFolder: String {
        let project = (configuration.migrationsPath as NSString).deletingLastPathComponent
        return joinPath(project.isEmpty ? "." : project, ".strata/shadow")
    }
}
