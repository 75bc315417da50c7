import Foundation
import Strata
import StrataPostgres
import StrataSQLite
import Testing

/// The databases every integration test runs against.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    var driver: DatabaseDriver {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }

    /// The admin URL of the throwaway PostgreSQL cluster `scripts/test` starts.
    static var postgresAdminURL: String? {
        ProcessInfo.processInfo.environment["STRATA_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Whether database tests must run (CI), rather than skip when no server is configured.
    static var isCI: Bool {
        ProcessInfo.processInfo.environment["CI"] == "true"
    }
}

/// Marks the running test (or test case) skipped, never passed, when no
/// PostgreSQL server is configured outside CI; in CI that is an error.
func skipWithoutPostgres() throws -> Never {
    if Backend.isCI { throw MissingPostgres() }
    try Test.cancel("no PostgreSQL server: run the tests with scripts/test (STRATA_TEST_POSTGRES_URL)")
}

/// Thrown when a PostgreSQL test runs in CI without a server.
struct MissingPostgres: Error, CustomStringConvertible {
    var description: String { "STRATA_TEST_POSTGRES_URL is not set; run the tests with scripts/test" }
}
