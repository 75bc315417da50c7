import Strata

/// Schema changes as SQLite SQL, laid out as Prisma Migrate writes them.
///
/// SQLite's `ALTER TABLE` can add, drop and rename columns and rename
/// tables, and nothing else; foreign keys exist only inside `CREATE
/// TABLE`. Every other change of an existing table rebuilds it the way
/// SQLite documents (https://www.sqlite.org/lang_altertable.html#otheralter):
/// a new table in the final shape, the rows copied, the old table dropped,
/// the new one renamed and its indexes made again. Foreign keys are off
/// around the migration's transaction (so dropping the old table deletes
/// no referencing rows) and checked before it commits
/// (`PRAGMA foreign_key_check`, which fails the migration on a violation).
/// Several changes to one table make one rebuild.
public struct SQLiteSchemaRenderer: SchemaRenderer {
    private let dialect = SQLiteDialect()

    public init() {}

    public func render(_ migration: SchemaMigration) throws -> [RenderedStatement] {
        let created = Set(migration.changes.compactMap { change -> QualifiedName? in
            if case .createTable(let table) = change { return table.name }
            return nil
        })
        let dropped = Set(migration.changes.compactMap { change -> QualifiedName? in
            if case .dropTable(let table) = change { return table.name }
            return nil
        })
        var renamedTo: [QualifiedName: QualifiedName] = [:]
        for case .renameTable(let from, let to) in migration.changes { renamedTo[from] = to }
        // Steps before the renames name a table by its old name: compare by the new one.
        let newName = { (table: QualifiedName) in renamedTo[table] ?? table }
        let oldName = { (table: QualifiedName) in renamedTo.first { $0.value == table }?.key ?? table }
        let rebuilt = Set(tablesToRebuild(migration, created: created, dropped: dropped).map(newName))
        let lastChange = Dictionary(
            migration.changes.enumerated().compactMap { offset, change in change.table.map { (newName($0), offset) } },
            uniquingKeysWith: max)

        var statements: [RenderedStatement] = []
        for (offset, change) in migration.changes.enumerated() {
            if let table = change.table.map(newName), rebuilt.contains(table) {
                // A rebuilt table and its columns are renamed first, by `ALTER TABLE`, which
                // points the other tables' foreign keys at the new names; it is rebuilt under them.
                if change.isTableOrColumnRename { statements += try render(change, in: migration, created: created, dropped: dropped) }
                if lastChange[table] == offset, let shape = migration.to.table(table) {
                    statements += rebuild(shape, from: oldName(table), in: migration)
                }
                continue
            }
            statements += try render(change, in: migration, created: created, dropped: dropped)
        }
        guard !rebuilt.isEmpty else { return statements }
        return framed(statements, in: migration)
    }

    /// A migration that rebuilds tables, between SQLite's first and last
    /// steps: foreign keys off around its transaction, checked before it
    /// commits. The views and triggers it leaves as they are are dropped
    /// first and made again last: renaming the new table checks every view
    /// and trigger, and one reading a table that is being rebuilt would fail it.
    private func framed(_ statements: [RenderedStatement], in migration: SchemaMigration) -> [RenderedStatement] {
        let views = migration.from.views.filter(migration.to.views.contains)
        let triggers = migration.from.triggers.filter(migration.to.triggers.contains)
        let frame = { (sql: String) in RenderedStatement(heading: "RedefineTables", sql: sql) }
        return [frame("PRAGMA foreign_keys=OFF")]
            + views.map { frame("DROP VIEW \(name($0.name))") }
            + triggers.map { frame("DROP TRIGGER \(name($0.name))") }
            + statements
            + views.map { frame("CREATE VIEW \(name($0.name)) AS \($0.definition)") }
            + triggers.map { frame($0.definition) }
            + [frame("PRAGMA foreign_key_check"), frame("PRAGMA foreign_keys=ON")]
    }

    /// Existing tables with a change `ALTER TABLE` cannot make.
    private func tablesToRebuild(_ migration: SchemaMigration, created: Set<QualifiedName>, dropped: Set<QualifiedName>) -> Set<QualifiedName> {
        var tables: Set<QualifiedName> = []
        for change in migration.changes {
            switch change {
            case .alterColumn(let table, _, _), .addPrimaryKey(let table, _), .dropPrimaryKey(let table, _),
                .addUnique(let table, _), .dropUnique(let table, _), .addCheck(let table, _), .dropCheck(let table, _),
                .renameConstraint(let table, _, _):
                tables.insert(table)
            case .addForeignKey(let table, _) where !created.contains(table):
                tables.insert(table)
            case .dropForeignKey(let table, _) where !dropped.contains(table):
                tables.insert(table)
            case .addColumn(let table, let column) where !created.contains(table):
                if !canAdd(column, to: migration.to.table(table)) { tables.insert(table) }
            case .dropColumn(let table, let column):
                if !canDrop(column.name, from: migration.from.table(table) ?? migration.to.table(table)) { tables.insert(table) }
            default:
                continue
            }
        }
        return tables.filter { !created.contains($0) && !dropped.contains($0) }
    }

    /// `ALTER TABLE ADD COLUMN` takes a column that is no key, and nullable or with a constant default.
    private func canAdd(_ column: Column, to table: Table?) -> Bool {
        guard let table else { return false }
        if table.primaryKey?.columns.contains(column.name) == true { return false }
        if table.uniqueConstraints.contains(where: { $0.columns.contains(column.name) }) { return false }
        if table.foreignKeys.contains(where: { $0.columns.contains(column.name) }) { return false }
        if column.generatedExpression != nil { return false }
        switch column.defaultValue {
        case nil: return column.isNullable
        case .autoincrement: return false
        case .expression(let sql): return !sql.contains("(") && sql.uppercased() != "CURRENT_TIMESTAMP"
        }
    }

    /// `ALTER TABLE DROP COLUMN` refuses a column in a key, an index, a constraint.
    private func canDrop(_ column: String, from table: Table?) -> Bool {
        guard let table else { return false }
        if table.primaryKey?.columns.contains(column) == true { return false }
        if table.uniqueConstraints.contains(where: { $0.columns.contains(column) }) { return false }
        if table.foreignKeys.contains(where: { $0.columns.contains(column) }) { return false }
        if table.indexes.contains(where: { $0.parts.contains { $0.value == column || $0.isExpression } }) { return false }
        return table.checks.isEmpty
    }

    private func render(
        _ change: SchemaChange, in migration: SchemaMigration, created: Set<QualifiedName>, dropped: Set<QualifiedName>
    ) throws -> [RenderedStatement] {
        switch change {
        case .createTable(let table):
            return [RenderedStatement(heading: "CreateTable", sql: createTable(migration.to.table(table.name) ?? table))]
        case .dropTable(let table):
            return [RenderedStatement(heading: "DropTable", sql: "DROP TABLE \(name(table.name))")]
        case .renameTable(let from, let to):
            return [RenderedStatement(heading: "RenameTable", sql: "ALTER TABLE \(name(from)) RENAME TO \(name(to))")]
        case .addColumn(let table, let column):
            return [RenderedStatement(heading: "AlterTable", sql: "ALTER TABLE \(name(table)) ADD COLUMN \(columnDefinition(column, in: nil))")]
        case .dropColumn(let table, let column):
            return [RenderedStatement(heading: "AlterTable", sql: "ALTER TABLE \(name(table)) DROP COLUMN \(quote(column.name))")]
        case .renameColumn(let table, let from, let to):
            return [RenderedStatement(heading: "AlterTable", sql: "ALTER TABLE \(name(table)) RENAME COLUMN \(quote(from)) TO \(quote(to))")]
        case .createIndex(let table, let index):
            return [RenderedStatement(heading: "CreateIndex", sql: createIndex(index, on: table))]
        case .dropIndex(_, let index):
            return [RenderedStatement(heading: "DropIndex", sql: "DROP INDEX \(quote(index.name))")]
        case .renameIndex(let table, let from, let to):
            guard let index = migration.to.table(table)?.indexes.first(where: { $0.name == to }) else { return [] }
            return [RenderedStatement(heading: "RenameIndex", sql: "DROP INDEX \(quote(from))"),
                    RenderedStatement(heading: "RenameIndex", sql: createIndex(index, on: table))]
        case .addForeignKey, .dropForeignKey:
            // A new table's keys are inside its CREATE TABLE; a dropped table's go with it.
            return []
        case .createView(let view):
            return [RenderedStatement(heading: "CreateView", sql: "CREATE VIEW \(name(view.name)) AS \(view.definition)")]
        case .dropView(let view):
            return [RenderedStatement(heading: "DropView", sql: "DROP VIEW \(name(view.name))")]
        case .createTrigger(let trigger):
            return [RenderedStatement(heading: "CreateTrigger", sql: trigger.definition)]
        case .dropTrigger(let trigger):
            return [RenderedStatement(heading: "DropTrigger", sql: "DROP TRIGGER \(name(trigger.name))")]
        case .createEnum, .addEnumValue, .replaceEnum, .dropEnum, .setTableComment, .setColumnComment:
            // SQLite has no enum types (the columns are TEXT) and no comments.
            return []
        case .createNamespace(let namespace):
            throw SchemaRenderError(problem: "SQLite has no schemas (`\(namespace)`)", nextStep: "remove @@schema from the models")
        case .createExtension(let e), .dropExtension(let e):
            throw SchemaRenderError(problem: "SQLite has no extensions (`\(e.name)`)", nextStep: "remove `extensions` from the datasource")
        case .createSequence(let s), .alterSequence(_, let s), .dropSequence(let s):
            throw SchemaRenderError(problem: "SQLite has no sequences (`\(s.name)`)", nextStep: "use an INTEGER PRIMARY KEY column")
        case .alterColumn, .addPrimaryKey, .dropPrimaryKey, .addUnique, .dropUnique, .addCheck, .dropCheck, .renameConstraint:
            // Always part of a rebuild (tablesToRebuild).
            return []
        }
    }

    /// SQLite's 12 steps for a change `ALTER TABLE` cannot make. The table
    /// and its columns already have their new names (renames run before the
    /// rebuild); `oldName` finds its columns in `migration.from`.
    private func rebuild(_ table: Table, from oldName: QualifiedName, in migration: SchemaMigration) -> [RenderedStatement] {
        let temporary = QualifiedName("new_" + table.name.name)
        var renamedColumns: [String: String] = [:]
        for case .renameColumn(let owner, let from, let to) in migration.changes where owner == table.name || owner == oldName {
            renamedColumns[to] = from
        }
        let old = migration.from.table(oldName)
        let copied = table.columns.filter { column in old?.column(renamedColumns[column.name] ?? column.name) != nil }
        var shape = table
        shape.name = temporary
        var sql = [createTable(shape)]
        if !copied.isEmpty {
            let columns = copied.map { quote($0.name) }.joined(separator: ", ")
            sql.append("INSERT INTO \(name(temporary)) (\(columns)) SELECT \(columns) FROM \(name(table.name))")
        }
        sql += ["DROP TABLE \(name(table.name))", "ALTER TABLE \(name(temporary)) RENAME TO \(name(table.name))"]
        sql += table.indexes.map { createIndex($0, on: table.name) }
        return sql.map { RenderedStatement(heading: "RedefineTables", sql: $0) }
    }

    // MARK: SQL

    func createTable(_ table: Table) -> String {
        let inlineKey = inlinePrimaryKey(of: table)
        var lines = table.columns.map { "    " + columnDefinition($0, in: inlineKey == $0.name ? table : nil) }
        if inlineKey == nil, let key = table.primaryKey {
            lines.append("    " + constraint(key.name) + "PRIMARY KEY (\(key.columns.map(quote).joined(separator: ", ")))")
        }
        lines += table.uniqueConstraints.map { "    " + constraint($0.name) + "UNIQUE (\($0.columns.map(quote).joined(separator: ", ")))" }
        lines += table.checks.map { "    " + constraint($0.name) + "CHECK (\($0.expression))" }
        lines += table.foreignKeys.map { "    " + foreignKey($0) }
        return "CREATE TABLE \(name(table.name)) (\n" + lines.joined(separator: ",\n") + "\n)"
    }

    /// The column whose `PRIMARY KEY` is written inline: the only key column, unnamed or autoincrementing.
    private func inlinePrimaryKey(of table: Table) -> String? {
        guard let key = table.primaryKey, key.columns.count == 1 else { return nil }
        let column = table.column(key.columns[0])
        return column?.defaultValue == .autoincrement || key.name == nil ? key.columns[0] : nil
    }

    /// `"name" TYPE NOT NULL DEFAULT ...`; with `keyOf`, also `PRIMARY KEY [AUTOINCREMENT]`.
    private func columnDefinition(_ column: Column, in keyOf: Table?) -> String {
        var parts = [quote(column.name), typeName(column.type)]
        if !column.isNullable { parts.append("NOT NULL") }
        if keyOf != nil {
            parts.append(column.defaultValue == .autoincrement ? "PRIMARY KEY AUTOINCREMENT" : "PRIMARY KEY")
        }
        if case .expression(let sql) = column.defaultValue { parts.append("DEFAULT \(sql)") }
        if let collation = column.collation { parts.append("COLLATE \(quote(collation))") }
        if let expression = column.generatedExpression { parts.append("GENERATED ALWAYS AS (\(expression)) STORED") }
        return parts.joined(separator: " ")
    }

    private func typeName(_ type: ColumnType) -> String {
        switch type.base {
        case .builtIn(let spelling): spelling
        case .userDefined: "TEXT"
        }
    }

    private func foreignKey(_ key: ForeignKey) -> String {
        var sql = constraint(key.name) + "FOREIGN KEY (\(key.columns.map(quote).joined(separator: ", "))) REFERENCES "
            + "\(name(key.referencedTable)) (\(key.referencedColumns.map(quote).joined(separator: ", ")))"
            + " ON DELETE \(key.onDelete.rawValue) ON UPDATE \(key.onUpdate.rawValue)"
        if key.isDeferrable { sql += key.isInitiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE" }
        return sql
    }

    private func createIndex(_ index: TableIndex, on table: QualifiedName) -> String {
        let parts = index.parts.map { part -> String in
            var sql = part.isExpression ? part.value : quote(part.value)
            if let collation = part.collation { sql += " COLLATE \(quote(collation))" }
            if part.order == .descending { sql += " DESC" }
            return sql
        }
        var sql = "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(quote(index.name)) ON \(name(table))(\(parts.joined(separator: ", ")))"
        if let predicate = index.predicate { sql += " WHERE \(predicate)" }
        return sql
    }

    private func constraint(_ name: String?) -> String { name.map { "CONSTRAINT \(quote($0)) " } ?? "" }
    private func quote(_ identifier: String) -> String { dialect.quoteIdentifier(identifier) }
    private func name(_ name: QualifiedName) -> String { dialect.quoteIdentifier(name.name) }
}

extension SchemaChange {
    /// A table's or column's rename, which `ALTER TABLE` makes even on a table that is rebuilt.
    var isTableOrColumnRename: Bool {
        switch self {
        case .renameTable, .renameColumn: true
        default: false
        }
    }

    /// The table a change is about, by the name it uses.
    var table: QualifiedName? {
        switch self {
        case .createTable(let t), .dropTable(let t): t.name
        case .renameTable(_, let to): to
        case .setTableComment(let t, _), .addColumn(let t, _), .dropColumn(let t, _), .renameColumn(let t, _, _),
            .alterColumn(let t, _, _), .setColumnComment(let t, _, _), .addPrimaryKey(let t, _), .dropPrimaryKey(let t, _),
            .addUnique(let t, _), .dropUnique(let t, _), .addCheck(let t, _), .dropCheck(let t, _), .addForeignKey(let t, _),
            .dropForeignKey(let t, _), .renameConstraint(let t, _, _), .createIndex(let t, _), .dropIndex(let t, _),
            .renameIndex(let t, _, _):
            t
        default: nil
        }
    }
}
