import Foundation
import Strata
import StrataPostgres
import StrataSQLite

/// A fresh, empty database for one test: an SQLite file in the test's own
/// folder, or a new database on the throwaway PostgreSQL cluster.
struct TestDatabase: Sendable {
    let backend: Backend
    /// The URL Strata is pointed at.
    let url: String
    /// For PostgreSQL: the database's name, dropped by ``drop()``.
    let postgresName: String?

    /// A new database; without a configured PostgreSQL the test is skipped (outside CI) or fails (in CI).
    static func make(_ backend: Backend, in directory: URL) async throws -> TestDatabase {
        switch backend {
        case .sqlite:
            return TestDatabase(backend: backend, url: "sqlite:" + directory.appendingPathComponent("test.db").path, postgresName: nil)
        case .postgres:
            guard let admin = Backend.postgresAdminURL else {
                try skipWithoutPostgres()
            }
            let name = "strata_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            try await Self.admin(admin) { try await $0.execute("CREATE DATABASE \"\(name)\"") }
            return TestDatabase(backend: backend, url: replacingDatabase(in: admin, with: String(name)), postgresName: String(name))
        }
    }

    /// Drops the PostgreSQL database (SQLite files go with the test folder).
    func drop() async {
        guard let postgresName, let admin = Backend.postgresAdminURL else { return }
        try? await Self.admin(admin) { try await $0.execute("DROP DATABASE IF EXISTS \"\(postgresName)\" WITH (FORCE)") }
    }

    /// A session on this database, for checking what a test did.
    func session() async throws -> any Database {
        try await backend.driver.connect(ConnectionRequest(url: DatabaseURL(url), schema: nil, applicationName: "strata-tests"))
    }

    /// Runs `body` with a session and closes it.
    func withSession<T: Sendable>(_ body: (any Database) async throws -> T) async throws -> T {
        let session = try await session()
        do {
            let result = try await body(session)
            await session.close()
            return result
        } catch {
            await session.close()
            throw error
        }
    }

    /// Runs `body` while another session holds the migration lock of the
    /// default history table, as a concurrent runner would; releases it after.
    func whileAnotherRunnerHoldsTheLock(_ body: () async throws -> Void) async throws {
        try await withSession { holder in
            try await holder.acquireMigrationLock(
                for: TableReference(schema: holder.schema, name: "_strata_migrations"), timeout: .seconds(5)) { _ in }
            do {
                try await body()
            } catch {
                try? await holder.releaseMigrationLock()
                throw error
            }
            try await holder.releaseMigrationLock()
        }
    }

    /// The rows of a query.
    func query(_ sql: String) async throws -> [DatabaseRow] {
        try await withSession { try await $0.query(sql) }
    }

    /// Whether a table exists.
    func tableExists(_ name: String) async throws -> Bool {
        try await withSession { session in
            try await session.tableExists(TableReference(schema: session.schema, name: name))
        }
    }

    /// The history rows, oldest first.
    func history() async throws -> [DatabaseRow] {
        try await query("SELECT * FROM _strata_migrations ORDER BY id")
    }

    private static func admin(_ url: String, _ body: (any Database) async throws -> Void) async throws {
        let session = try await DatabaseDriver.postgres.connect(
            ConnectionRequest(url: DatabaseURL(url), schema: nil, applicationName: "strata-tests"))
        do {
            try await body(session)
            await session.close()
        } catch {
            await session.close()
            throw error
        }
    }

    private static func replacingDatabase(in url: String, with name: String) -> String {
        guard let slash = url.range(of: "/", options: .backwards, range: url.range(of: "://")!.upperBound..<url.endIndex) else {
            return url + "/" + name
        }
        let tail = url[slash.upperBound...]
        let query = tail.firstIndex(of: "?").map { String(tail[$0...]) } ?? ""
        return String(url[..<slash.upperBound]) + name + query
    }
}
