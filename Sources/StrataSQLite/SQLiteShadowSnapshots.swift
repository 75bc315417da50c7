import Foundation
import Strata

/// SQLite's shadow snapshots: database files under the project's
/// `.strata/shadow/`, written with `VACUUM INTO` and read back into memory,
/// so a shadow never touches the file it came from.
enum SQLiteShadowSnapshots {
    static let snapshots = ShadowSnapshots(
        open: { keys, place in
            for (index, key) in keys.enumerated() {
                let path = file(key, in: place.folder)
                guard let image = FileManager.default.contents(atPath: path) else { continue }
                let session = try await SQLiteSession.openInMemory(image: image)
                return (index, ShadowDatabase(session: session) {})
            }
            return nil
        },
        keep: { shadow, key, replacing, place in
            let folder = place.folder
            let manager = FileManager.default
            do {
                try place.prepareFolder()
                let target = file(key, in: folder)
                let partial = target + ".partial"
                try? manager.removeItem(atPath: partial)
                try await shadow.session.execute("VACUUM INTO \(SQLiteDialect().quoteLiteral(partial))")
                try? manager.removeItem(atPath: target)
                try manager.moveItem(atPath: partial, toPath: target)
                if let replacing, replacing != key { try? manager.removeItem(atPath: file(replacing, in: folder)) }
            } catch {
                // Best effort: the next run replays more.
            }
            return shadow
        })

    private static func file(_ key: String, in folder: String) -> String {
        folder + "/" + key + ".sqlite"
    }
}

extension SQLiteSession {
    /// A private in-memory database holding a copy of the database file `image`.
    static func openInMemory(image: Data) async throws -> SQLiteSession {
        let connection = try await SQLiteConnection.open(path: ":memory:", create: true)
        let session = SQLiteSession(connection: connection, path: ":memory:")
        do {
            try await connection.perform { try $0.deserialize(image) }
            try await session.execute("PRAGMA foreign_keys = ON")
        } catch {
            await session.close()
            throw error
        }
        return session
    }
}
