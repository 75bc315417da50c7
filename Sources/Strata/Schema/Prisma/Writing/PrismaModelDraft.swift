/// One table on its way to a `model`: its Prisma name, a field name per
/// column, and the relation fields the foreign keys around it add.
struct PrismaModelDraft {
    /// A field with no column: one side of a relation.
    struct RelationField {
        var name: String
        /// `User`, `User?`, `Post[]`.
        var type: String
        /// `@relation(...)`, or `nil` for a back-relation needing no name.
        var attribute: String?
    }

    var table: Table
    var name: String
    /// The field of each column, by column name.
    var fieldNames: [String: String]
    var relationFields: [RelationField] = []
    /// What the model cannot say, one sentence each.
    var notes: [String] = []
    private var identifiers: PrismaIdentifiers

    init(_ table: Table, name: String) {
        self.table = table
        self.name = name
        var identifiers = PrismaIdentifiers()
        var fieldNames: [String: String] = [:]
        for column in table.columns {
            fieldNames[column.name] = identifiers.claim(PrismaIdentifiers.sanitised(column.name, fallback: "field"))
        }
        self.fieldNames = fieldNames
        self.identifiers = identifiers
    }

    /// Adds a relation field named `candidate` (or the next free name).
    mutating func addRelation(_ candidate: String, type: String, attribute: String?) {
        relationFields.append(RelationField(name: identifiers.claim(candidate), type: type, attribute: attribute))
    }

    /// The fields of `columns`, in order.
    func fields(_ columns: [String]) -> [String] { columns.map { fieldNames[$0] ?? $0 } }

    /// Whether `columns` are unique in the table: its primary key, or a unique constraint or plain unique index on exactly them.
    func isUnique(_ columns: [String]) -> Bool {
        let set = Set(columns)
        if let key = table.primaryKey, Set(key.columns) == set { return true }
        if table.uniqueConstraints.contains(where: { Set($0.columns) == set }) { return true }
        return table.indexes.contains { index in
            index.isUnique && index.predicate == nil && index.parts.allSatisfy { !$0.isExpression } && Set(index.parts.map(\.value)) == set
        }
    }
}
