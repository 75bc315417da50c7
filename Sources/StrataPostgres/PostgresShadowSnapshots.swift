import Strata

/// PostgreSQL's shadow snapshots: databases named `strata_snapshot_<key>`
/// on the server of the configured database, copied from a replayed shadow
/// (`CREATE DATABASE ... TEMPLATE`) and copied again into the next run's
/// shadow, which then applies only the migrations added since.
enum PostgresShadowSnapshots {
    static let prefix = "strata_snapshot_"

    static let snapshots = ShadowSnapshots(
        open: { keys, place in
            let admin = try await PostgresShadowDatabase.connectToServer(place.request)
            let rows = try? await admin.query(
                "SELECT datname FROM pg_catalog.pg_database WHERE datname LIKE 'strata\\_snapshot\\_%'")
            await admin.close()
            let kept = Set((rows ?? []).compactMap(\.["datname"].string))
            guard let index = keys.firstIndex(where: { kept.contains(name(of: $0)) }) else { return nil }
            // Another run copying the same snapshot right now makes this fail: then it is replayed in full.
            let shadow = try await PostgresShadowDatabase.open(near: place.request, template: name(of: keys[index]))
            return (index, shadow)
        },
        keep: { shadow, key, replacing, place in
            guard let shadowName = shadow.name else { return shadow }
            // A database is copied only while no one is connected to it.
            await shadow.session.close()
            let dialect = PostgresDialect()
            if let admin = try? await PostgresShadowDatabase.connectToServer(place.request) {
                try? await admin.execute("CREATE DATABASE \(dialect.quoteIdentifier(name(of: key))) TEMPLATE \(dialect.quoteIdentifier(shadowName))")
                if let replacing, replacing != key {
                    try? await admin.execute("DROP DATABASE IF EXISTS \(dialect.quoteIdentifier(name(of: replacing)))")
                }
                await admin.close()
            }
            var request = place.request
            request.url = request.url.naming(database: shadowName)
            return shadow.replacing(session: try await PostgresSession.connect(request))
        },
        read: { key, place in
            // While connected, no one can copy it: the reader is brief, and a copier that fails replays instead.
            var request = place.request
            request.url = request.url.naming(database: name(of: key))
            return try? await PostgresSession.connect(request)
        })

    static func name(of key: String) -> String {
        prefix + key.prefix(40)
    }
}
