/// Seed data written in Swift, for what a SQL file cannot say (hashing a
/// password, reading a fixture file). Runs in a transaction with its record
/// in the data history, after the `seeds/*.sql` files.
///
/// ```swift
/// struct DemoAdmin: Seeder {
///     let name = "demo-admin"
///     func seed(_ session: any DatabaseSession) async throws {
///         _ = try await session.execute("INSERT INTO users (email, role) VALUES ($1, 'ADMIN')", parameters: [.text("admin@example.com")])
///     }
/// }
/// try await migrator.seed(SeedOptions(seeders: [DemoAdmin()]))
/// ```
public protocol Seeder: Sendable {
    /// Stable and unique among seeders: the record's name is `seeder:NAME`.
    var name: String { get }
    /// Changes when the seeder changes what it writes: a changed version is
    /// reported as edited, and runs again with `force`.
    var version: String { get }
    /// Writes the seed data, in the open transaction of `session`.
    func seed(_ session: any DatabaseSession) async throws
}

extension Seeder {
    public var version: String { "1" }
}

/// How `strata db seed` runs.
public struct SeedOptions: Sendable {
    /// Run seeds that ran before too (and edited ones).
    public var force: Bool
    /// Only the seed of this name (a file name, with or without `.sql`, or a seeder's name).
    public var only: String?
    /// Swift seeders, run after the folder's files, in order.
    public var seeders: [any Seeder]

    public init(force: Bool = false, only: String? = nil, seeders: [any Seeder] = []) {
        self.force = force
        self.only = only
        self.seeders = seeders
    }
}

/// What one seed of a run did.
public struct SeedOutcome: Sendable, Equatable, Codable {
    public enum Result: String, Sendable, Codable {
        /// It ran and is recorded.
        case ran
        /// It had run before, unchanged: skipped.
        case alreadyRan = "already-ran"
        /// It had run before and changed since: skipped, `--force` runs it again.
        case changed
    }

    /// `seeds/001_users.sql`, or `seeder:NAME`.
    public var name: String
    public var path: String?
    public var result: Result
    /// Statements run (files only).
    public var statements: Int?
    /// When it ran before, as the data history has it.
    public var ranBefore: String?
}

/// What `strata db seed` did.
public struct SeedReport: Sendable, Equatable {
    public var seedsPath: String
    public var outcomes: [SeedOutcome]

    public var ran: [SeedOutcome] { outcomes.filter { $0.result == .ran } }
    public var changed: [SeedOutcome] { outcomes.filter { $0.result == .changed } }
}
