import Foundation
import Strata
import Testing

/// Bind parameters and blobs, on both databases: what a keyset backfill
/// carries from one batch to the next must come back exactly.
@Suite("Bind parameters")
struct BindParameterTests {
    @Test("every kind of value goes in as a parameter and comes back equal", arguments: Backend.allCases)
    func roundTrip(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { _, database in
            try await database.withSession { session in
                let p = session.dialect.placeholder
                let blobType = backend == .postgres ? "bytea" : "BLOB"
                let timeType = backend == .postgres ? "timestamptz" : "TEXT"
                try await session.execute("CREATE TABLE kv (k \(blobType) PRIMARY KEY, t TEXT, i BIGINT, r DOUBLE PRECISION, at \(timeType))")
                let key: [UInt8] = [0, 1, 2, 0xFF, 0x27, 0x5C, 0x00]
                let text = "it's \"quoted\"; DROP TABLE kv; -- ünïcode"
                let moment = Date(timeIntervalSince1970: 1_733_300_000.123456)
                _ = try await session.query(
                    "INSERT INTO kv (k, t, i, r, at) VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)))",
                    parameters: [.blob(key), .text(text), .integer(Int64.min + 1), .real(0.1), .timestamp(moment)])
                _ = try await session.query(
                    "INSERT INTO kv (k, t, i, r, at) VALUES (\(p(1)), \(p(2)), \(p(3)), \(p(4)), \(p(5)))",
                    parameters: [.blob([9]), .null, .null, .null, .null])
                let rows = try await session.query("SELECT k, t, i, r, at FROM kv WHERE k = \(p(1))", parameters: [.blob(key)])
                let row = try #require(rows.first)
                #expect(rows.count == 1)
                #expect(row["k"] == .blob(key))
                #expect(row["t"].string == text)
                #expect(row["i"].integer == Int64.min + 1)
                #expect(row["r"] == .real(0.1))
                let back = try #require(row["at"].timestamp)
                #expect(abs(back.timeIntervalSince(moment)) < 0.000_001, "microseconds kept: \(back.timeIntervalSince1970)")
                let nulls = try await session.query("SELECT t, i FROM kv WHERE k = \(p(1))", parameters: [.blob([9])])
                #expect(nulls.first?["t"] == .null)
                #expect(try await session.query("SELECT 1 FROM kv WHERE t = \(p(1))", parameters: [.text("nothing")]).isEmpty)
                #expect(try await session.query("SELECT count(*) AS n FROM kv").first?["n"].integer == 2, "the text was a value, not SQL")
            }
        }
    }
}

/// The transaction helper: what the body did is kept when it returns and gone when it throws.
@Suite("Session transactions")
struct SessionTransactionTests {
    struct Refused: Error {}

    @Test("inTransaction commits on return and rolls back on a throw", arguments: Backend.allCases)
    func commitsOrRollsBack(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { _, database in
            try await database.withSession { session in
                try await session.execute("CREATE TABLE progress (name TEXT PRIMARY KEY, last_key BIGINT)")
                let p = session.dialect.placeholder
                try await session.inTransaction { session in
                    _ = try await session.query("INSERT INTO progress VALUES (\(p(1)), \(p(2)))", parameters: [.text("kept"), .integer(7)])
                }
                await #expect(throws: Refused.self) {
                    try await session.inTransaction { session in
                        _ = try await session.query("INSERT INTO progress VALUES (\(p(1)), \(p(2)))", parameters: [.text("gone"), .integer(8)])
                        throw Refused()
                    }
                }
                let names = try await session.query("SELECT name FROM progress ORDER BY name").compactMap { $0["name"].string }
                #expect(names == ["kept"])
            }
        }
    }
}

/// Named locks: two sessions never hold the same name; another name is free.
@Suite("Named locks")
struct NamedLockTests {
    @Test("a name one session holds is refused to another, with who holds it, until released", arguments: Backend.allCases)
    func exclusive(_ backend: Backend) async throws {
        try await withFreshDatabase(backend) { _, database in
            let first = try await database.session()
            let second = try await database.session()
            let one = try #require(first as? any NamedLocking)
            let two = try #require(second as? any NamedLocking)
            #expect(try await one.tryNamedLock("backfill:users_role") == nil)
            let holder = try await two.tryNamedLock("backfill:users_role")
            #expect(holder != nil)
            #expect(holder?.description.contains("pid") == true, "\(holder?.description ?? "")")
            #expect(try await two.tryNamedLock("backfill:orders_total") == nil, "another name is another lock")
            try await one.releaseNamedLock("backfill:users_role")
            #expect(try await two.tryNamedLock("backfill:users_role") == nil)
            try await two.releaseNamedLock("backfill:users_role")
            try await two.releaseNamedLock("backfill:orders_total")
            await first.close()
            await second.close()
        }
    }
}

extension NamedLockTests {
    @Test("SQLite: the named locks' table is not part of the schema")
    func lockTableIsNotSchema() async throws {
        try await withFreshDatabase(.sqlite) { _, database in
            let session = try await database.session()
            _ = try await (session as? any NamedLocking)?.tryNamedLock("backfill:x")
            let schema = try await (session as? any SchemaIntrospection)?.introspectSchema(IntrospectionScope())
            #expect(schema?.tables.isEmpty == true, "\(schema?.tables.map(\.name) ?? [])")
            await session.close()
        }
    }
}
