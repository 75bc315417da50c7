/// Turns schema changes into one product's SQL, every identifier quoted
/// through its dialect. A database module provides one through its
/// ``DatabaseDriver``.
public protocol SchemaRenderer: Sendable {
    /// The statements that take a database from `migration.from` to
    /// `migration.to`, in order.
    ///
    /// - Throws: ``SchemaRenderError`` for a change the database cannot make.
    func render(_ migration: SchemaMigration) throws -> [RenderedStatement]
}

/// One statement of a generated migration.
public struct RenderedStatement: Sendable, Equatable {
    /// What it does, as a heading comment in the file: `CreateTable`, `AddForeignKey`.
    public var heading: String
    /// The SQL, without its final `;`.
    public var sql: String

    public init(heading: String, sql: String) {
        self.heading = heading
        self.sql = sql
    }
}

/// A change the database cannot make as asked.
public struct SchemaRenderError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problem: String
    public var nextStep: String

    public init(problem: String, nextStep: String) {
        self.problem = problem
        self.nextStep = nextStep
    }

    public var description: String { "\(problem); \(nextStep)" }
}
