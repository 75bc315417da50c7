import Foundation
import Strata
@testable import StrataPostgres
import Testing

/// The PostgreSQL session's API for data work: bind parameters and `COPY`.
@Suite("PostgreSQL session API")
struct PostgresSessionAPITests {
    @Test("bind parameters are sent apart from the SQL and come back typed")
    func bindParameters() async throws {
        try await withPostgresSession { session in
            let moment = Date(timeIntervalSince1970: 1_700_000_000.123456)
            let rows = try await session.query(
                "SELECT $1::bigint AS n, $2::text AS t, $3::text AS missing, $4::timestamptz AS at, $5::boolean AS yes, $6::float8 AS x",
                parameters: [.integer(-42), .text("it's \"quoted\"; DROP TABLE x; --"), .null, .timestamp(moment), .boolean(true), .real(0.5)])
            let row = try #require(rows.first)
            #expect(row["n"] == .integer(-42))
            #expect(row["t"] == .text("it's \"quoted\"; DROP TABLE x; --"))
            #expect(row["missing"] == .null)
            let at = try #require(row["at"].timestamp)
            #expect(abs(at.timeIntervalSince(moment)) < 0.000_002)
            #expect(row["yes"] == .boolean(true))
            #expect(row["x"] == .real(0.5))

            let error = await #expect(throws: DatabaseError.self) {
                try await session.query("SELECT $1::integer AS n", parameters: [.text("not a number")])
            }
            #expect(error?.code == "22P02")
            #expect(try await session.query("SELECT 1 AS still").first?["still"] == .integer(1))
        }
    }

    @Test("COPY FROM STDIN loads what the writer sends; a failing writer copies nothing")
    func copyIn() async throws {
        try await withPostgresSession { session in
            try await session.execute("CREATE TEMPORARY TABLE people (id INTEGER PRIMARY KEY, name TEXT)")
            let copied = try await session.copyIn("COPY people (id, name) FROM STDIN") { writer in
                for id in 1...10_000 { try writer.write("\(id)\tperson \(id)\n") }
                try writer.write("10001\t\\N\n")
            }
            #expect(copied == 10_001)
            let rows = try await session.query("SELECT count(*) AS n, count(name) AS named FROM people")
            #expect(rows.first?["n"] == .integer(10_001))
            #expect(rows.first?["named"] == .integer(10_000))

            struct SourceFailed: Error {}
            await #expect(throws: SourceFailed.self) {
                _ = try await session.copyIn("COPY people (id, name) FROM STDIN") { writer in
                    try writer.write("20000\tlost\n")
                    throw SourceFailed()
                }
            }
            #expect(try await session.query("SELECT count(*) AS n FROM people").first?["n"] == .integer(10_001))

            let notCopy = await #expect(throws: DatabaseError.self) {
                _ = try await session.copyIn("SELECT 1") { _ in }
            }
            #expect(notCopy?.message.contains("COPY") == true)
            let badCopy = await #expect(throws: DatabaseError.self) {
                _ = try await session.copyIn("COPY nowhere FROM STDIN") { _ in }
            }
            #expect(badCopy?.code == "42P01")
            #expect(try await session.query("SELECT 2 AS after").first?["after"] == .integer(2))
        }
    }

    @Test("values come back typed from the text format, timestamps in UTC whatever the session's time zone")
    func decoding() async throws {
        try await withPostgresSession { session in
            try await session.execute("SET TIME ZONE 'Asia/Kolkata'")
            let row = try #require(try await session.query("""
                SELECT 7::int2 AS small, 2147483647::int4 AS int, 9007199254740993::int8 AS big, 't'::bool AS yes,
                       1.5::float4 AS real, 'Infinity'::float8 AS inf, 12.50::numeric AS exact, 'x'::name AS name,
                       '2024-01-15 12:00:00.25+00'::timestamptz AS at, '2024-01-15 12:00:00'::timestamp AS local,
                       NULL::text AS nothing, 'infinity'::timestamptz AS forever
                """).first)
            #expect(row["small"] == .integer(7))
            #expect(row["int"] == .integer(2_147_483_647))
            #expect(row["big"] == .integer(9_007_199_254_740_993))
            #expect(row["yes"] == .boolean(true))
            #expect(row["real"] == .real(1.5))
            #expect(row["inf"] == .real(.infinity))
            #expect(row["exact"] == .text("12.50"))
            #expect(row["name"] == .text("x"))
            #expect(row["at"] == .timestamp(Date(timeIntervalSince1970: 1_705_320_000.25)))
            #expect(row["local"] == .timestamp(Date(timeIntervalSince1970: 1_705_320_000)))
            #expect(row["nothing"] == .null)
            #expect(row["forever"] == .text("infinity"))
        }
    }

    @Test("a repeated statement is prepared once; one that fails to prepare is named, and a lost name falls back to unprepared")
    func repeatedStatements() async throws {
        try await withPostgresSession { session in
            try await session.execute("CREATE TABLE counter (id bigint PRIMARY KEY, n bigint NOT NULL)")
            try await session.execute("INSERT INTO counter VALUES (1, 0)")
            let bump = BoundStatement("UPDATE counter SET n = n + $1 WHERE id = 1 RETURNING n", parameters: [.integer(1)], returnsRows: true, repeated: true)
            let prepared = "SELECT count(*) AS n FROM pg_prepared_statements WHERE statement LIKE 'UPDATE counter%'"
            for round in 1...3 {
                let results = try await session.executePipeline([bump, BoundStatement(prepared, returnsRows: true)])
                #expect(results[0].rows.first?["n"] == .integer(Int64(round)))
                #expect(results[1].rows.first?["n"] == .integer(1), "prepared once, run by name after that")
            }

            // A statement that cannot be prepared fails at its own index, and nothing after it runs.
            let broken = BoundStatement("UPDATE counter SET n = n + $1 WHERE nope = 1", parameters: [.integer(1)], repeated: true)
            let failure = await #expect(throws: StatementBatchError.self) {
                try await session.executePipeline([bump, broken, bump])
            }
            #expect(failure?.index == 1)
            #expect(failure?.error.code == "42703")
            #expect(try await session.query("SELECT n FROM counter").first?["n"] == .integer(3), "the implicit transaction rolled back")

            // The server session forgets its statements (as another one behind a pooler would not know them):
            // one error, then unprepared.
            try await session.execute("DEALLOCATE ALL")
            let lost = await #expect(throws: StatementBatchError.self) { try await session.executePipeline([bump]) }
            #expect(lost?.error.code == "26000")
            let after = try await session.executePipeline([bump, BoundStatement(prepared, returnsRows: true)])
            #expect(after[0].rows.first?["n"] == .integer(4))
            #expect(after[1].rows.first?["n"] == .integer(0), "no longer prepared")
        }
    }

    private func withPostgresSession(_ body: (PostgresSession) async throws -> Void) async throws {
        try await withPostgres { _, database, _ in
            try await database.withSession { session in
                try await body(try #require(session as? PostgresSession))
            }
        }
    }
}
