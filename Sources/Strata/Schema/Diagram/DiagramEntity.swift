/// A table in a ``SchemaDiagram``: its name as drawn and its columns in order.
///
/// ```swift
/// let user = SchemaDiagram(schema).entity(QualifiedName("User"))
/// user?.attributes.map(\.name)   // ["id", "email", "name"]
/// ```
public struct DiagramEntity: Sendable, Equatable {
    /// The name drawn: the table's, qualified (`auth.users`) when the diagram spans namespaces.
    public var name: String
    /// The table it draws.
    public var table: QualifiedName
    public var attributes: [DiagramAttribute]

    public init(name: String, table: QualifiedName, attributes: [DiagramAttribute]) {
        self.name = name
        self.table = table
        self.attributes = attributes
    }

    /// `table` drawn as `name`: each column with its type and keys.
    init(_ table: Table, name: String) {
        let primaryKey = Set(table.primaryKey?.columns ?? [])
        let foreignKeys = Set(table.foreignKeys.flatMap(\.columns))
        // A column unique on its own; a column in a composite unique key is not.
        let unique = Set((table.uniqueConstraints.map(\.columns) + table.uniqueIndexColumns).compactMap { $0.count == 1 ? $0[0] : nil })
        self.init(name: name, table: table.name, attributes: table.columns.map { column in
            var keys: [DiagramAttribute.Key] = []
            if primaryKey.contains(column.name) { keys.append(.primaryKey) }
            if foreignKeys.contains(column.name) { keys.append(.foreignKey) }
            if unique.contains(column.name), primaryKey != [column.name] { keys.append(.unique) }
            return DiagramAttribute(name: column.name, type: column.type.description, keys: keys, isNullable: column.isNullable)
        })
    }
}
