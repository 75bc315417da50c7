import Crypto
import Foundation

/// `migrate dev`'s other side: the schema file, built on a shadow database
/// and read back, kept like the history's snapshot so that an unchanged
/// file is not built again.
extension Migrator {
    /// The schema `source` (a Prisma or SQL schema file) describes, through
    /// a database; a Prisma schema takes from `other` what it cannot
    /// declare. The scripts that build it are hashed (for Prisma, the SQL
    /// Strata renders from it, so a Strata that renders differently never
    /// reads a stale state); a snapshot an earlier run kept under that hash
    /// is read where it is, else the schema is built on a shadow and kept
    /// in place of the project's previous one.
    func schemaFileThroughSnapshot(
        _ source: SchemaSourceSpec, renderer: any SchemaRenderer, takingFrom other: Schema, prismaShadow: PrismaSetting?
    ) async throws -> Schema {
        guard let snapshots = driver.shadowSnapshots, let openShadow = driver.openShadow, directory.exists,
            try configuredShadow(prismaShadow) == nil, driver.schemes.contains(configuration.url.scheme)
        else {
            return try await schema(of: source, renderer: renderer, throughDatabase: true, takingFrom: other, prismaShadow: prismaShadow)
        }
        let scripts = try buildScripts(of: source, renderer: renderer, takingFrom: other)
        let key = schemaFileKey(scripts)
        let place = ShadowSnapshotPlace(
            request: ConnectionRequest(url: configuration.url, schema: configuration.schema, applicationName: "strata shadow"),
            folder: snapshotFolder)
        let previous = place.lastSchemaFileKey()
        // Found, perhaps another project's on the same server: this one's is named from now on.
        if let read = snapshots.read, let session = await read(key, place) {
            if previous != key { place.record(schemaFileKey: key) }
            return try await run(body: { try await introspect($0) }, on: session)
        }
        let shadow: ShadowDatabase
        if let kept = try? await snapshots.open([key], place) {
            if previous != key { place.record(schemaFileKey: key) }
            shadow = kept.shadow
        } else {
            let built = try await openShadow(place.request)
            do {
                for script in scripts {
                    try await ShadowReplay(session: built.session).apply(script: script.sql, file: script.file, origin: script.origin)
                }
            } catch {
                await built.discard()
                throw error
            }
            shadow = try await snapshots.keep(built, key, previous, place)
            place.record(schemaFileKey: key)
        }
        do {
            let schema = try await introspect(shadow.session)
            await shadow.discard()
            return schema
        } catch {
            await shadow.discard()
            throw error
        }
    }

    /// The SQL that builds `source` on an empty database, script by script, with where each comes from.
    private func buildScripts(
        of source: SchemaSourceSpec, renderer: any SchemaRenderer, takingFrom other: Schema
    ) throws -> [(sql: String, file: String, origin: ShadowReplay.Origin)] {
        switch source {
        case .prismaSchema(let path):
            let model = try prismaModel(at: path, takingFrom: other).1
            return [(try creationScript(of: model, renderer: renderer), "the SQL of \(path)", .generated)]
        case .sqlSchema(let path):
            return try Self.sqlFiles(at: path).map { file in (try String(contentsOfFile: file, encoding: .utf8), file, .schemaFile) }
        case .empty, .migrations, .database:
            throw RefusalError("\(source) is not a schema file", nextStep: "pass a schema.prisma, a .sql file or a folder of either")
        }
    }

    /// A hash of the product, the target schema and every script in order.
    private func schemaFileKey(_ scripts: [(sql: String, file: String, origin: ShadowReplay.Origin)]) -> String {
        var hasher = SHA256()
        hasher.update(data: Data("strata-schema-file-1|\(driver.name)|\(configuration.schema ?? "")".utf8))
        for script in scripts {
            hasher.update(data: Data("|\(script.sql.utf8.count)|".utf8))
            hasher.update(data: Data(script.sql.utf8))
        }
        return Checksum.hex(hasher.finalize())
    }
}

extension ShadowSnapshotPlace {
    /// The key of the schema file snapshot this project kept last (in
    /// `.strata/shadow/schema-file.key`), so the next one replaces it.
    func lastSchemaFileKey() -> String? {
        (try? String(contentsOfFile: folder + "/schema-file.key", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Names `key` as the project's schema file snapshot. Best effort, as snapshots are.
    func record(schemaFileKey key: String) {
        guard (try? prepareFolder()) != nil else { return }
        try? Data((key + "\n").utf8).write(to: URL(fileURLWithPath: folder + "/schema-file.key"))
    }
}
