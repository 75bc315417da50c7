/// One step from a schema to another, in neutral terms: what the differ
/// finds, and what a dialect's ``SchemaRenderer`` turns into SQL.
///
/// Tables are named by their name in the schema the step starts from
/// (after earlier renames in the same list). A created table carries its
/// columns, primary key, unique constraints and checks; its foreign keys
/// and indexes come as their own steps, so that cycles can be added later.
public enum SchemaChange: Sendable, Equatable {
    case createNamespace(String)
    case createExtension(DatabaseExtension)
    case dropExtension(DatabaseExtension)

    case createEnum(EnumType)
    /// A value added without recreating the type; `after` is the value it
    /// follows (`nil`: the first one).
    case addEnumValue(QualifiedName, value: String, after: String?)
    /// Values removed or reordered: the type is recreated and the columns
    /// using it converted.
    case replaceEnum(from: EnumType, to: EnumType)
    case dropEnum(EnumType)

    case createSequence(DatabaseSequence)
    /// The same sequence with another start or increment.
    case alterSequence(from: DatabaseSequence, to: DatabaseSequence)
    case dropSequence(DatabaseSequence)

    case createTable(Table)
    case dropTable(Table)
    case renameTable(from: QualifiedName, to: QualifiedName)
    case setTableComment(QualifiedName, String?)

    case addColumn(QualifiedName, Column)
    case dropColumn(QualifiedName, Column)
    case renameColumn(QualifiedName, from: String, to: String)
    /// Any change of type, nullability, default, identity, generation or
    /// collation; the renderer writes the statements each part needs.
    case alterColumn(QualifiedName, from: Column, to: Column)
    case setColumnComment(QualifiedName, column: String, String?)

    case addPrimaryKey(QualifiedName, PrimaryKey)
    case dropPrimaryKey(QualifiedName, PrimaryKey)
    case addUnique(QualifiedName, UniqueConstraint)
    case dropUnique(QualifiedName, UniqueConstraint)
    case addCheck(QualifiedName, CheckConstraint)
    case dropCheck(QualifiedName, CheckConstraint)
    case addForeignKey(QualifiedName, ForeignKey)
    case dropForeignKey(QualifiedName, ForeignKey)
    /// A primary key, unique constraint, check or foreign key that only changes its name.
    case renameConstraint(QualifiedName, from: String, to: String)

    case createIndex(QualifiedName, TableIndex)
    case dropIndex(QualifiedName, TableIndex)
    case renameIndex(QualifiedName, from: String, to: String)

    case createView(DatabaseView)
    case dropView(DatabaseView)

    case createTrigger(DatabaseTrigger)
    case dropTrigger(DatabaseTrigger)
}
