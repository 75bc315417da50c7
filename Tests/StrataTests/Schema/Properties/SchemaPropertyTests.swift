import Foundation
import Testing

/// Round-trip properties of the declarative engine on real databases: for
/// many generated pairs of schemas (A, B), `diff(A, B)` takes a database
/// holding A to one that reads back as B, and `down.sql` and `diff(B, A)`
/// bring A back (see ``SchemaPropertyCase``). Most cases write both as
/// SQL DDL, which reaches every part of the model; one seed in four gives B as
/// `schema.prisma`, which reaches the Prisma conversion.
///
/// `STRATA_PROPERTY_CASES` (default 25) sets how many pairs each backend
/// tries, `STRATA_PROPERTY_SEED` the first seed (case `n` uses seed + n); a
/// failure prints the seed that reproduces it alone.
@Suite("Schema properties")
struct SchemaPropertyTests {
    static var cases: Int { ProcessInfo.processInfo.environment["STRATA_PROPERTY_CASES"].flatMap(Int.init) ?? 25 }
    static var seed: UInt64 { ProcessInfo.processInfo.environment["STRATA_PROPERTY_SEED"].flatMap(UInt64.init) ?? 20_261_204 }

    @Test("diff(A, B), down.sql and diff(B, A) round-trip generated schemas", arguments: Backend.allCases)
    func roundTrips(_ backend: Backend) async throws {
        print("schema properties on \(backend): \(Self.cases) cases from seed \(Self.seed)")
        var failures = 0
        for offset in 0..<Self.cases {
            let property = SchemaPropertyCase(seed: Self.seed &+ UInt64(offset), backend: backend)
            do {
                try await withFreshDatabase(backend) { project, database in
                    try await property.run(in: project, on: database)
                }
            } catch let failure as SchemaPropertyCase.Failure {
                Issue.record("\(backend) \(property.report)\n\(failure)")
                failures += 1
            } catch {
                Issue.record("\(backend) \(property.report)\n\(error)")
                failures += 1
            }
            // A broken engine fails most cases: a few reports say enough.
            if failures == 3 { break }
        }
    }
}
