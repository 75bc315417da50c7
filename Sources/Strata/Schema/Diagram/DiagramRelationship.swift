/// A line between two entities of a ``SchemaDiagram``: a foreign key, drawn
/// from the referencing table (`from`) to the referenced one (`to`), or an
/// implicit many-to-many table drawn as the relation it stands for.
///
/// ```swift
/// // Post.authorId -> User.id, not null and not unique:
/// relationship.kind         // .manyToOne
/// relationship.isOptional   // false: every post has an author
/// relationship.label        // "authorId"
/// ```
public struct DiagramRelationship: Sendable, Equatable {
    /// How many rows of each side meet.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
        /// Many `from` rows for one `to` row: a plain foreign key.
        case manyToOne = "many-to-one"
        /// At most one `from` row for one `to` row: a foreign key whose columns are unique or the primary key.
        case oneToOne = "one-to-one"
        /// Any number on both sides: an implicit many-to-many table.
        case manyToMany = "many-to-many"
    }

    /// The referencing entity's name as drawn (the `A` side of a many-to-many).
    public var from: String
    /// The referenced entity's name as drawn (the `B` side of a many-to-many).
    public var to: String
    public var kind: Kind
    /// The referencing columns (of a many-to-many: the columns of `from` its table's `A` references).
    public var columns: [String]
    /// The referenced columns (of a many-to-many: the columns of `to` its table's `B` references).
    public var referencedColumns: [String]
    /// Whether a `from` row may have no `to` row: a referencing column is nullable.
    public var isOptional: Bool
    /// The implicit many-to-many table drawn as this relationship, by its name.
    public var joinTable: String?

    public init(
        from: String, to: String, kind: Kind, columns: [String], referencedColumns: [String], isOptional: Bool = false,
        joinTable: String? = nil
    ) {
        self.from = from
        self.to = to
        self.kind = kind
        self.columns = columns
        self.referencedColumns = referencedColumns
        self.isOptional = isOptional
        self.joinTable = joinTable
    }

    /// What the line says: the referencing columns, or the join table's name
    /// and `many-to-many`.
    public var label: String {
        joinTable.map { "\($0) (many-to-many)" } ?? columns.joined(separator: ", ")
    }

    /// `foreignKey` of `table`; `title` gives a table's name as drawn.
    init(foreignKey: ForeignKey, of table: Table, title: (QualifiedName) -> String) {
        self.init(
            from: title(table.name), to: title(foreignKey.referencedTable),
            kind: table.isUnique(foreignKey.columns) ? .oneToOne : .manyToOne,
            columns: foreignKey.columns, referencedColumns: foreignKey.referencedColumns,
            isOptional: foreignKey.columns.contains { table.column($0)?.isNullable ?? false })
    }

    /// The many-to-many `table` stands for, when it is one of Prisma's
    /// implicit tables: a name starting with `_`, the columns `A` and `B`
    /// and nothing else, each the whole of a foreign key.
    init?(joinTable table: Table, title: (QualifiedName) -> String) {
        guard table.name.name.hasPrefix("_"), table.columns.map(\.name) == ["A", "B"], table.foreignKeys.count == 2,
              let a = table.foreignKeys.first(where: { $0.columns == ["A"] }),
              let b = table.foreignKeys.first(where: { $0.columns == ["B"] })
        else { return nil }
        self.init(
            from: title(a.referencedTable), to: title(b.referencedTable), kind: .manyToMany, columns: a.referencedColumns,
            referencedColumns: b.referencedColumns, joinTable: title(table.name))
    }
}
