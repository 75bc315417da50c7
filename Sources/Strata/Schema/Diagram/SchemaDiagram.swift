/// An entity-relationship diagram of a ``Schema``: its tables as entities and
/// its foreign keys as relationships, in name order, ready to be written as
/// Mermaid (``mermaid``), Graphviz DOT (``dot``) or SVG (``svg()``).
///
/// ```swift
/// let diagram = SchemaDiagram(try await migrator.readSchema(.prismaSchema(path: "schema.prisma")))
/// print(diagram.mermaid)
/// ```
///
/// Prisma's implicit many-to-many tables (`_CategoryToPost`: columns `A` and
/// `B`, each a foreign key) are drawn as the relation the schema declares, a
/// many-to-many between the two tables labelled with the table's name, not
/// as an entity: Prisma writes and names that table, the schema's author
/// never does, and two extra edges through it would hide the relation it is.
public struct SchemaDiagram: Sendable, Equatable {
    /// The tables, by name (implicit many-to-many tables excepted).
    public var entities: [DiagramEntity]
    /// One per foreign key, and one per implicit many-to-many table, ordered
    /// by the referencing table's name, then the referenced table's, then the columns.
    public var relationships: [DiagramRelationship]

    public init(entities: [DiagramEntity], relationships: [DiagramRelationship]) {
        self.entities = entities
        self.relationships = relationships
    }

    /// The diagram of `schema`. Names are qualified (`auth.users`) only when
    /// its tables, or the tables their foreign keys reference, are in more than one namespace.
    public init(_ schema: Schema) {
        let referenced = schema.tables.flatMap { $0.foreignKeys.map(\.referencedTable.schema) }
        let qualifies = Set(schema.tables.map(\.name.schema) + referenced).count > 1
        func title(_ name: QualifiedName) -> String { qualifies ? name.description : name.name }
        var entities: [DiagramEntity] = []
        var relationships: [DiagramRelationship] = []
        for table in schema.tables.sorted(by: { $0.name < $1.name }) {
            if let manyToMany = DiagramRelationship(joinTable: table, title: title) {
                relationships.append(manyToMany)
                continue
            }
            entities.append(DiagramEntity(table, name: title(table.name)))
            relationships += table.foreignKeys.map { DiagramRelationship(foreignKey: $0, of: table, title: title) }
        }
        self.entities = entities
        self.relationships = relationships.sorted {
            ($0.from, $0.to, $0.columns.joined(separator: ",")) < ($1.from, $1.to, $1.columns.joined(separator: ","))
        }
    }

    /// The entity drawn for the table called `table`.
    public func entity(_ table: QualifiedName) -> DiagramEntity? { entities.first { $0.table == table } }
}
