import Foundation
import Strata
import Testing

/// `sslmode` against the test server, which `scripts/test` starts with a
/// self-signed certificate.
@Suite("TLS")
struct TLSTests {
    @Test("sslmode=require encrypts; verify-full refuses an untrusted certificate and accepts it with sslrootcert")
    func sslModes() async throws {
        guard let certificate = ProcessInfo.processInfo.environment["STRATA_TEST_POSTGRES_CA"] else {
            try skipWithoutPostgres()
        }
        try await withFreshDatabase(.postgres) { project, database in
            try project.add("001_a", "CREATE TABLE a (id INTEGER);")
            func migrator(_ parameters: String) throws -> Migrator {
                let configuration = Configuration(url: try DatabaseURL(database.url + "?" + parameters), migrationsPath: project.migrations.path)
                return try Migrator(configuration: configuration, drivers: [Backend.postgres.driver])
            }
            #expect(try await migrator("sslmode=require").deploy().applied.count == 1)
            #expect(try await usesTLS(database.url + "?sslmode=require"))
            #expect(try await !usesTLS(database.url + "?sslmode=disable"))

            let untrusted = await #expect(throws: ConnectionError.self) { try await migrator("sslmode=verify-full").status() }
            #expect(untrusted?.underlying.hint?.contains("sslrootcert") == true)
            #expect(try await migrator("sslmode=verify-full&sslrootcert=\(certificate)").status().exitStatus == .success)
            await #expect(throws: ConfigurationError.self) { try await migrator("sslmode=sometimes").status() }
        }
    }

    /// Whether a session opened with this URL is encrypted, as the server sees it.
    private func usesTLS(_ url: String) async throws -> Bool {
        let session = try await Backend.postgres.driver.connect(
            ConnectionRequest(url: DatabaseURL(url), schema: nil, applicationName: "strata-tests"))
        let rows = try await session.query("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
        await session.close()
        return rows.first?["ssl"] == .boolean(true)
    }
}
