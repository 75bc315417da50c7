/// A column in a ``DiagramEntity``: its name, its type as the schema spells
/// it (`VARCHAR(255)`, `TEXT[]`, an enum's name), its keys and whether it may be null.
///
/// ```swift
/// DiagramAttribute(name: "email", type: "TEXT", keys: [.unique], isNullable: false)
/// ```
public struct DiagramAttribute: Sendable, Equatable {
    /// What a column is to its table's keys, as ER diagrams mark it.
    public enum Key: String, Sendable, Equatable, CaseIterable {
        /// Part of the primary key.
        case primaryKey = "PK"
        /// Part of a foreign key.
        case foreignKey = "FK"
        /// Unique on its own (a unique constraint or index of this column alone).
        case unique = "UK"
    }

    public var name: String
    public var type: String
    /// In the order PK, FK, UK.
    public var keys: [Key]
    public var isNullable: Bool

    public init(name: String, type: String, keys: [Key] = [], isNullable: Bool = false) {
        self.name = name
        self.type = type
        self.keys = keys
        self.isNullable = isNullable
    }
}
