/// The table of an implicit many-to-many relation, exactly as Prisma
/// Migrate creates it (see `PrismaModelConverter.implicitManyToManyTables`):
/// `_<relation>` with columns `A` and `B` of the two models' single-column
/// primary keys' types, primary key `_<relation>_AB_pkey`, index
/// `_<relation>_B_index`, and foreign keys `_<relation>_A_fkey` and
/// `_<relation>_B_fkey` cascading on delete and update. `A` references the
/// model whose name sorts first. Anything else stays a model of its own.
struct PrismaJoinTable {
    var table: Table
    /// The relation's name: the table's without its leading `_`.
    var relation: String
    /// The tables `A` and `B` reference.
    var a: QualifiedName
    var b: QualifiedName

    /// The join tables among the schema's tables.
    static func all(in schema: Schema) -> [PrismaJoinTable] {
        schema.tables.compactMap { PrismaJoinTable($0, in: schema) }
    }

    init?(_ table: Table, in schema: Schema) {
        let name = table.name.name
        guard name.hasPrefix("_"), name.count > 1, table.columns.map(\.name) == ["A", "B"],
            table.columns.allSatisfy({ !$0.isNullable && $0.defaultValue == nil && $0.identity == nil && $0.generatedExpression == nil }),
            table.primaryKey == PrimaryKey(name: "\(name)_AB_pkey", columns: ["A", "B"]), table.uniqueConstraints.isEmpty,
            table.checks.isEmpty, table.indexes == [TableIndex(name: "\(name)_B_index", columns: ["B"])],
            table.foreignKeys.count == 2
        else { return nil }
        func key(_ column: String) -> ForeignKey? {
            guard let key = table.foreignKeys.first(where: { $0.columns == [column] }), key.name == "\(name)_\(column)_fkey",
                key.onDelete == .cascade, key.onUpdate == .cascade, !key.isDeferrable,
                let target = schema.table(key.referencedTable), target.name.schema == table.name.schema,
                target.primaryKey?.columns == key.referencedColumns, key.referencedColumns.count == 1,
                target.column(key.referencedColumns[0])?.type == table.column(column)?.type
            else { return nil }
            return key
        }
        // The conversion makes `A` the model whose name sorts first: models are named after their tables.
        guard let a = key("A"), let b = key("B"),
            PrismaIdentifiers.sanitised(a.referencedTable.name, fallback: "") <= PrismaIdentifiers.sanitised(b.referencedTable.name, fallback: "")
        else { return nil }
        self.table = table
        self.relation = String(name.dropFirst())
        self.a = a.referencedTable
        self.b = b.referencedTable
    }
}
