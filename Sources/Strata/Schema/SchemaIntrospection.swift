/// Reading a live database's schema into the neutral model: what a
/// database module's session implements.
public protocol SchemaIntrospection: Sendable {
    /// The schema of what the session targets, without the tables of `scope.excludedTables`.
    func introspectSchema(_ scope: IntrospectionScope) async throws -> Schema
}

/// What to read of a database.
///
/// Objects in the session's target schema (PostgreSQL: the URL's or
/// configured schema, usually `public`; SQLite: `main`) get `schema == nil`
/// in their ``QualifiedName``; objects of the other `namespaces` carry theirs.
public struct IntrospectionScope: Sendable, Equatable {
    /// Further schemas to read besides the target one (Prisma's `schemas = [...]`).
    public var namespaces: [String]
    /// Tables that are not part of the schema, such as the history table.
    public var excludedTables: [TableReference]

    public init(namespaces: [String] = [], excludedTables: [TableReference] = []) {
        self.namespaces = namespaces
        self.excludedTables = excludedTables
    }
}
