/// A table, optionally in a schema.
public struct TableReference: Sendable, Hashable, CustomStringConvertible {
    public var schema: String?
    public var name: String

    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}
