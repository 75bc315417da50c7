/// The way from one schema to another: both ends and the ordered steps
/// between them, all a renderer needs (SQLite rebuilds a table from its
/// target shape).
public struct SchemaMigration: Sendable, Equatable {
    public var from: Schema
    public var to: Schema
    public var changes: [SchemaChange]

    public init(from: Schema, to: Schema, changes: [SchemaChange]) {
        self.from = from
        self.to = to
        self.changes = changes
    }

    /// Whether the two schemas are the same.
    public var isEmpty: Bool { changes.isEmpty }
}
