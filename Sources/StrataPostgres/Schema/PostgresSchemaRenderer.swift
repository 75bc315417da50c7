import Strata

/// Schema changes as PostgreSQL SQL, laid out as Prisma Migrate writes
/// them (`CREATE TABLE` with its constraints at the end, `SERIAL` for
/// autoincrement, `CREATE UNIQUE INDEX "User_email_key" ON "User"("email")`),
/// every identifier quoted.
public struct PostgresSchemaRenderer: SchemaRenderer {
    private let dialect = PostgresDialect()

    public init() {}

    public func render(_ migration: SchemaMigration) throws -> [RenderedStatement] {
        try migration.changes.flatMap { try render($0, in: migration) }
    }

    private func render(_ change: SchemaChange, in migration: SchemaMigration) throws -> [RenderedStatement] {
        func one(_ heading: String, _ sql: String) -> [RenderedStatement] { [RenderedStatement(heading: heading, sql: sql)] }
        switch change {
        case .createNamespace(let name):
            return one("CreateSchema", "CREATE SCHEMA IF NOT EXISTS \(quote(name))")
        case .createExtension(let e):
            return one("CreateExtension", "CREATE EXTENSION IF NOT EXISTS \(quote(e.name))" + (e.schema.map { " WITH SCHEMA \(quote($0))" } ?? ""))
        case .dropExtension(let e):
            return one("DropExtension", "DROP EXTENSION \(quote(e.name))")
        case .createEnum(let e):
            return one("CreateEnum", "CREATE TYPE \(name(e.name)) AS ENUM (\(e.values.map(dialect.quoteLiteral).joined(separator: ", ")))")
        case .addEnumValue(let type, let value, let after):
            let position: String
            if let after {
                position = " AFTER \(dialect.quoteLiteral(after))"
            } else if let first = migration.from.enums.first(where: { $0.name == type })?.values.first {
                position = " BEFORE \(dialect.quoteLiteral(first))"
            } else {
                position = ""
            }
            return one("AlterEnum", "ALTER TYPE \(name(type)) ADD VALUE \(dialect.quoteLiteral(value))\(position)")
        case .replaceEnum(let old, let new):
            return replaceEnum(old, new, in: migration)
        case .dropEnum(let e):
            return one("DropEnum", "DROP TYPE \(name(e.name))")
        case .createSequence(let s):
            return one("CreateSequence", "CREATE SEQUENCE \(name(s.name)) START WITH \(s.start) INCREMENT BY \(s.increment)")
        case .alterSequence(_, let s):
            return one("AlterSequence", "ALTER SEQUENCE \(name(s.name)) START WITH \(s.start) INCREMENT BY \(s.increment)")
        case .dropSequence(let s):
            return one("DropSequence", "DROP SEQUENCE \(name(s.name))")
        case .createTable(let table):
            return one("CreateTable", createTable(table))
        case .dropTable(let table):
            return one("DropTable", "DROP TABLE \(name(table.name))")
        case .renameTable(let from, let to):
            return one("RenameTable", "ALTER TABLE \(name(from)) RENAME TO \(quote(to.name))")
        case .setTableComment(let table, let comment):
            return one("Comment", "COMMENT ON TABLE \(name(table)) IS \(comment.map(dialect.quoteLiteral) ?? "NULL")")
        case .addColumn(let table, let column):
            return one("AlterTable", "ALTER TABLE \(name(table)) ADD COLUMN \(columnDefinition(column))")
        case .dropColumn(let table, let column):
            return one("AlterTable", "ALTER TABLE \(name(table)) DROP COLUMN \(quote(column.name))")
        case .renameColumn(let table, let from, let to):
            return one("AlterTable", "ALTER TABLE \(name(table)) RENAME COLUMN \(quote(from)) TO \(quote(to))")
        case .alterColumn(let table, let old, let new):
            return try alterColumn(table, old, new)
        case .setColumnComment(let table, let column, let comment):
            return one("Comment", "COMMENT ON COLUMN \(name(table)).\(quote(column)) IS \(comment.map(dialect.quoteLiteral) ?? "NULL")")
        case .addPrimaryKey(let table, let key):
            return one("AlterTable", "ALTER TABLE \(name(table)) ADD \(constraint(key.name))PRIMARY KEY (\(list(key.columns)))")
        case .dropPrimaryKey(let table, let key):
            return one("AlterTable", "ALTER TABLE \(name(table)) DROP CONSTRAINT \(quote(key.name ?? table.name + "_pkey"))")
        case .addUnique(let table, let unique):
            return one("AlterTable", "ALTER TABLE \(name(table)) ADD CONSTRAINT \(quote(unique.name)) UNIQUE (\(list(unique.columns)))")
        case .dropUnique(let table, let unique):
            return one("AlterTable", "ALTER TABLE \(name(table)) DROP CONSTRAINT \(quote(unique.name))")
        case .addCheck(let table, let check):
            return one("AlterTable", "ALTER TABLE \(name(table)) ADD CONSTRAINT \(quote(check.name)) CHECK (\(check.expression))")
        case .dropCheck(let table, let check):
            return one("AlterTable", "ALTER TABLE \(name(table)) DROP CONSTRAINT \(quote(check.name))")
        case .addForeignKey(let table, let key):
            return one("AddForeignKey", "ALTER TABLE \(name(table)) ADD \(foreignKey(key))")
        case .dropForeignKey(let table, let key):
            return one("DropForeignKey", "ALTER TABLE \(name(table)) DROP CONSTRAINT \(quote(key.name))")
        case .renameConstraint(let table, let from, let to):
            return one("RenameConstraint", "ALTER TABLE \(name(table)) RENAME CONSTRAINT \(quote(from)) TO \(quote(to))")
        case .createIndex(let table, let index):
            return one("CreateIndex", createIndex(index, on: table))
        case .dropIndex(let table, let index):
            return one("DropIndex", "DROP INDEX \(name(QualifiedName(schema: table.schema, index.name)))")
        case .renameIndex(let table, let from, let to):
            return one("RenameIndex", "ALTER INDEX \(name(QualifiedName(schema: table.schema, from))) RENAME TO \(quote(to))")
        case .createView(let view):
            let kind = view.isMaterialized ? "MATERIALIZED VIEW" : "VIEW"
            return one("CreateView", "CREATE \(kind) \(name(view.name)) AS \(view.definition.trimmingSemicolon)")
        case .dropView(let view):
            return one("DropView", "DROP \(view.isMaterialized ? "MATERIALIZED VIEW" : "VIEW") \(name(view.name))")
        case .createTrigger(let trigger):
            return one("CreateTrigger", trigger.definition.trimmingSemicolon)
        case .dropTrigger(let trigger):
            return one("DropTrigger", "DROP TRIGGER \(quote(trigger.name.name)) ON \(name(trigger.table))")
        }
    }

    // MARK: Tables and columns

    func createTable(_ table: Table) -> String {
        let columns = table.columns.map { "    " + columnDefinition($0) }.joined(separator: ",\n")
        var constraints: [String] = []
        if let key = table.primaryKey {
            constraints.append("    \(constraint(key.name))PRIMARY KEY (\(list(key.columns)))")
        }
        constraints += table.uniqueConstraints.map { "    CONSTRAINT \(quote($0.name)) UNIQUE (\(list($0.columns)))" }
        constraints += table.checks.map { "    CONSTRAINT \(quote($0.name)) CHECK (\($0.expression))" }
        let body = constraints.isEmpty ? columns : columns + ",\n\n" + constraints.joined(separator: ",\n")
        return "CREATE TABLE \(name(table.name)) (\n\(body)\n)"
    }

    /// `"id" SERIAL NOT NULL`, `"email" TEXT NOT NULL`, `"role" "Role" NOT NULL DEFAULT 'USER'`.
    func columnDefinition(_ column: Column) -> String {
        var parts = [quote(column.name)]
        if column.defaultValue == .autoincrement, let serial = Self.serialTypes[column.type.description] {
            parts.append(serial)
        } else {
            parts.append(typeName(column.type))
        }
        if let collation = column.collation { parts.append("COLLATE \(quote(collation))") }
        if !column.isNullable { parts.append("NOT NULL") }
        if case .expression(let sql) = column.defaultValue { parts.append("DEFAULT \(sql)") }
        if let identity = column.identity { parts.append("GENERATED \(identity.rawValue) AS IDENTITY") }
        if let expression = column.generatedExpression { parts.append("GENERATED ALWAYS AS (\(expression)) STORED") }
        return parts.joined(separator: " ")
    }

    private static let serialTypes = ["INTEGER": "SERIAL", "BIGINT": "BIGSERIAL", "SMALLINT": "SMALLSERIAL"]

    func typeName(_ type: ColumnType) -> String {
        let base = switch type.base {
        case .builtIn(let spelling): spelling
        case .userDefined(let typeName): name(typeName)
        }
        return type.isArray ? base + "[]" : base
    }

    /// Only the parts of the column that change, in an order PostgreSQL
    /// accepts: a default that would not fit the new type goes first.
    private func alterColumn(_ table: QualifiedName, _ old: Column, _ new: Column) throws -> [RenderedStatement] {
        let alter = "ALTER TABLE \(name(table)) ALTER COLUMN \(quote(new.name))"
        var sql: [String] = []
        let sequence = QualifiedName(schema: table.schema, "\(table.name)_\(new.name)_seq")
        if old.generatedExpression != new.generatedExpression {
            throw SchemaRenderError(
                problem: "PostgreSQL cannot change how `\(table).\(new.name)` is generated",
                nextStep: "drop the column and add it again in two migrations")
        }
        let typeChanges = old.type != new.type || old.collation != new.collation
        if old.defaultValue != nil, old.defaultValue != new.defaultValue || typeChanges {
            sql.append("\(alter) DROP DEFAULT")
            if old.defaultValue == .autoincrement { sql.append("DROP SEQUENCE IF EXISTS \(name(sequence))") }
        }
        if old.identity != nil, old.identity != new.identity { sql.append("\(alter) DROP IDENTITY") }
        if typeChanges {
            let collation = new.collation.map { " COLLATE \(quote($0))" } ?? ""
            sql.append("\(alter) SET DATA TYPE \(typeName(new.type))\(collation) USING \(conversion(of: new.name, from: old.type, to: new.type))")
        }
        if old.isNullable != new.isNullable { sql.append("\(alter) \(new.isNullable ? "DROP" : "SET") NOT NULL") }
        if let value = new.defaultValue, old.defaultValue != new.defaultValue || typeChanges {
            switch value {
            case .expression(let expression): sql.append("\(alter) SET DEFAULT \(expression)")
            case .autoincrement:
                sql.append("CREATE SEQUENCE \(name(sequence))")
                sql.append("\(alter) SET DEFAULT nextval(\(dialect.quoteLiteral(name(sequence))))")
                sql.append("ALTER SEQUENCE \(name(sequence)) OWNED BY \(name(table)).\(quote(new.name))")
            }
        }
        if let identity = new.identity, old.identity != new.identity { sql.append("\(alter) ADD GENERATED \(identity.rawValue) AS IDENTITY") }
        return sql.map { RenderedStatement(heading: "AlterTable", sql: $0) }
    }

    /// `USING "column"::type` where PostgreSQL has that cast (within the
    /// numbers, the strings, the times or JSON, integer and boolean, anything
    /// to a string); otherwise through `text`, which every type is read from
    /// and written to (an enum, `boolean` to `bytea`): a value that does not
    /// fit still fails, as the change's warning says.
    private func conversion(of column: String, from old: ColumnType, to new: ColumnType) -> String {
        guard !Self.castsDirectly(old, to: new) else { return "\(quote(column))::\(typeName(new))" }
        // An array to an array element by element; any other pair as a whole.
        return "\(quote(column))::text\(old.isArray && new.isArray ? "[]" : "")::\(typeName(new))"
    }

    private static let castFamilies: [Set<String>] = [
        ["SMALLINT", "INTEGER", "BIGINT", "DECIMAL", "NUMERIC", "REAL", "DOUBLE PRECISION", "MONEY"],
        ["TEXT", "VARCHAR", "CHAR", "CITEXT"], ["TIMESTAMP", "TIMESTAMPTZ", "DATE"], ["TIME", "TIMETZ"], ["JSON", "JSONB"],
        ["INTEGER", "BOOLEAN"], ["BIT", "VARBIT"],
    ]

    /// Whether PostgreSQL casts `old` to `new` itself (built-in types of one family, or to a string).
    static func castsDirectly(_ old: ColumnType, to new: ColumnType) -> Bool {
        guard case .builtIn(let from) = old.base, case .builtIn(let to) = new.base, old.isArray == new.isArray else { return false }
        let base = { (spelling: String) in String(spelling.prefix { $0 != "(" }) }
        let (source, target) = (base(from), base(to))
        return source == target || castFamilies[1].contains(target) || castFamilies.contains { $0.contains(source) && $0.contains(target) }
    }

    /// Values removed or reordered: a new type, every column converted
    /// through text (its default dropped first: the old default cannot be
    /// cast), the old type dropped, the new one renamed, and the defaults
    /// set again. The replace runs after the drops of tables and the
    /// renames, so tables and columns go by their new names.
    private func replaceEnum(_ old: EnumType, _ new: EnumType, in migration: SchemaMigration) -> [RenderedStatement] {
        let temporary = QualifiedName(schema: new.name.schema, new.name.name + "_new")
        var sql = ["CREATE TYPE \(name(temporary)) AS ENUM (\(new.values.map(dialect.quoteLiteral).joined(separator: ", ")))"]
        var converted: [(table: QualifiedName, column: Column)] = []
        // Dropped tables are gone by now.
        let dropped = Set(migration.changes.compactMap { change -> QualifiedName? in
            if case .dropTable(let table) = change { return table.name }
            return nil
        })
        for table in migration.from.tables where !dropped.contains(table.name) {
            for column in table.columns where column.type.base == .userDefined(old.name) {
                var renamed = column
                renamed.name = migration.renamedColumn(column.name, of: table.name)
                converted.append((migration.renamedTable(table.name), renamed))
            }
        }
        for (table, column) in converted {
            let alter = "ALTER TABLE \(name(table)) ALTER COLUMN \(quote(column.name))"
            let target = column.type.isArray ? name(temporary) + "[]" : name(temporary)
            if column.defaultValue != nil { sql.append("\(alter) DROP DEFAULT") }
            sql.append("\(alter) TYPE \(target) USING (\(quote(column.name))::text\(column.type.isArray ? "[]" : "")::\(target))")
        }
        sql += ["ALTER TYPE \(name(old.name)) RENAME TO \(quote(old.name.name + "_old"))",
                "ALTER TYPE \(name(temporary)) RENAME TO \(quote(new.name.name))",
                "DROP TYPE \(name(QualifiedName(schema: old.name.schema, old.name.name + "_old")))"]
        for (table, column) in converted {
            // The target's default, when the column keeps the type; a later alterColumn sets any other.
            guard let kept = migration.to.table(table)?.column(column.name), kept.type.base == .userDefined(new.name),
                case .expression(let expression) = kept.defaultValue else { continue }
            sql.append("ALTER TABLE \(name(table)) ALTER COLUMN \(quote(column.name)) SET DEFAULT \(expression)")
        }
        return sql.map { RenderedStatement(heading: "AlterEnum", sql: $0) }
    }

    // MARK: Constraints and indexes

    private func foreignKey(_ key: ForeignKey) -> String {
        var sql = "CONSTRAINT \(quote(key.name)) FOREIGN KEY (\(list(key.columns))) REFERENCES \(name(key.referencedTable))(\(list(key.referencedColumns)))"
            + " ON DELETE \(key.onDelete.rawValue) ON UPDATE \(key.onUpdate.rawValue)"
        if key.isDeferrable { sql += key.isInitiallyDeferred ? " DEFERRABLE INITIALLY DEFERRED" : " DEFERRABLE" }
        return sql
    }

    func createIndex(_ index: TableIndex, on table: QualifiedName) -> String {
        let parts = index.parts.map { part -> String in
            var sql = part.isExpression ? "(\(part.value))" : quote(part.value)
            if let collation = part.collation { sql += " COLLATE \(quote(collation))" }
            if let operatorClass = part.operatorClass { sql += " \(operatorClass)" }
            if part.order == .descending { sql += " DESC" }
            if let nullsFirst = part.nullsFirst { sql += nullsFirst ? " NULLS FIRST" : " NULLS LAST" }
            return sql
        }
        var sql = "CREATE \(index.isUnique ? "UNIQUE " : "")INDEX \(quote(index.name)) ON \(name(table))"
        if let method = index.method { sql += " USING \(method)" }
        sql += "(\(parts.joined(separator: ", ")))"
        if let predicate = index.predicate { sql += " WHERE \(predicate)" }
        return sql
    }

    private func constraint(_ name: String?) -> String { name.map { "CONSTRAINT \(quote($0)) " } ?? "" }
    private func list(_ columns: [String]) -> String { columns.map(quote).joined(separator: ", ") }
    private func quote(_ identifier: String) -> String { dialect.quoteIdentifier(identifier) }
    private func name(_ name: QualifiedName) -> String { dialect.qualified(TableReference(schema: name.schema, name: name.name)) }
}

extension String {
    fileprivate var trimmingSemicolon: String {
        var text = self
        while let last = text.last, last == ";" || last.isWhitespace { text.removeLast() }
        return text
    }
}
