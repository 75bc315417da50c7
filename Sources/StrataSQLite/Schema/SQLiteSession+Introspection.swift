import Strata

/// The schema of an SQLite database from `sqlite_schema` and the table
/// PRAGMAs, in five queries whatever the number of tables.
extension SQLiteSession: SchemaIntrospection {
    public func introspectSchema(_ scope: IntrospectionScope) async throws -> Schema {
        // The named locks' table is Strata's bookkeeping, as the history is.
        let excluded = Set(scope.excludedTables.map(\.name) + [Self.namedLockTable])
        let objects = try await query(
            "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' AND sql IS NOT NULL ORDER BY name")
        let tableNames = objects.filter { $0["type"].string == "table" }.compactMap { $0["name"].string }.filter { !excluded.contains($0) }
        let columnRows = try await query("""
            SELECT m.name AS tbl, p.cid, p.name, p.type, p."notnull" AS required, p.dflt_value, p.pk, p.hidden
            FROM sqlite_schema m, pragma_table_xinfo(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.cid
            """)
        let keyRows = try await query("""
            SELECT m.name AS tbl, p.id, p.seq, p."table" AS target, p."from" AS source, p."to" AS referenced, p.on_update, p.on_delete
            FROM sqlite_schema m, pragma_foreign_key_list(m.name) p WHERE m.type = 'table' ORDER BY m.name, p.id, p.seq
            """)
        let indexRows = try await query("""
            SELECT m.name AS tbl, l.name AS idx, l."unique" AS isUnique, l.origin, x.seqno, x.cid, x.name AS col, x."desc" AS descending, x.coll
            FROM sqlite_schema m, pragma_index_list(m.name) l, pragma_index_xinfo(l.name) x
            WHERE m.type = 'table' AND x.key = 1 ORDER BY m.name, l.name, x.seqno
            """)
        // Rows grouped by table once: a schema of a thousand tables costs what its rows cost.
        func byTable(_ rows: [DatabaseRow], _ column: String) -> [String: [DatabaseRow]] {
            Dictionary(grouping: rows) { $0[column].string ?? "" }
        }
        let columnsByTable = byTable(columnRows, "tbl")
        let keysByTable = byTable(keyRows, "tbl")
        let indexesByTable = byTable(indexRows, "tbl")
        let indexSQLByTable = byTable(objects.filter { $0["type"].string == "index" }, "tbl_name")
        let tableSQL = Dictionary(
            objects.filter { $0["type"].string == "table" }.compactMap { row in row["name"].string.map { ($0, row["sql"].string ?? "") } },
            uniquingKeysWith: { first, _ in first })
        var tables: [Table] = []
        for name in tableNames {
            let definition = SQLiteTableDefinition(sql: tableSQL[name] ?? "")
            tables.append(
                table(
                    name, definition: definition, columns: columnsByTable[name] ?? [], keys: keysByTable[name] ?? [],
                    indexes: indexesByTable[name] ?? [], indexSQL: indexSQLByTable[name] ?? []))
        }
        let views = objects.filter { $0["type"].string == "view" }.compactMap { row -> DatabaseView? in
            guard let name = row["name"].string, let sql = row["sql"].string else { return nil }
            return DatabaseView(name: QualifiedName(name), definition: SQLiteIndexDefinition.textAfterAS(sql))
        }
        let triggers = objects.filter { $0["type"].string == "trigger" }.compactMap { row -> DatabaseTrigger? in
            guard let name = row["name"].string, let table = row["tbl_name"].string, let sql = row["sql"].string,
                !excluded.contains(table) else { return nil }
            return DatabaseTrigger(name: QualifiedName(name), table: QualifiedName(table), definition: sql)
        }
        return Schema(tables: tables, views: views, triggers: triggers)
    }

    private func table(
        _ name: String, definition: SQLiteTableDefinition, columns columnRows: [DatabaseRow], keys: [DatabaseRow],
        indexes indexRows: [DatabaseRow], indexSQL: [DatabaseRow]
    ) -> Table {
        var table = Table(name: QualifiedName(name))
        var primaryKey: [(Int64, String)] = []
        for row in columnRows {
            guard let columnName = row["name"].string, (row["hidden"].integer ?? 0) != 1 else { continue }
            let declared = (row["type"].string ?? "").uppercased()
            var column = Column(name: columnName, type: .builtIn(declared), isNullable: (row["required"].integer ?? 0) == 0)
            if let position = row["pk"].integer, position > 0 {
                primaryKey.append((position, columnName))
            }
            column.defaultValue = row["dflt_value"].string.map(ColumnDefault.expression)
            column.generatedExpression = definition.generated[columnName]
            column.collation = definition.collations[columnName]
            table.columns.append(column)
        }
        let keyColumns = primaryKey.sorted { $0.0 < $1.0 }.map(\.1)
        if !keyColumns.isEmpty {
            table.primaryKey = PrimaryKey(name: definition.primaryKeyName, columns: keyColumns)
            // An INTEGER PRIMARY KEY is the rowid: NOT NULL whatever was written, autoincrementing when asked.
            if keyColumns.count == 1, let index = table.columns.firstIndex(where: { $0.name == keyColumns[0] }),
                table.columns[index].type == .builtIn("INTEGER") {
                table.columns[index].isNullable = false
                if definition.isAutoincrement { table.columns[index].defaultValue = .autoincrement }
            }
        }
        table.foreignKeys = foreignKeys(of: name, keys, definition: definition)
        table.checks = definition.checks.enumerated().map { offset, check in
            CheckConstraint(name: check.name ?? "\(name)_check\(offset == 0 ? "" : String(offset))", expression: check.expression)
        }.sorted { $0.name < $1.name }
        let grouped = Dictionary(grouping: indexRows) { $0["idx"].string ?? "" }
        for (indexName, parts) in grouped.sorted(by: { $0.key < $1.key }) {
            let origin = parts.first?["origin"].string
            let columns = parts.compactMap { $0["col"].string }
            switch origin {
            case "pk":
                continue
            case "u":
                let declared = definition.uniques.first { $0.columns == columns }
                table.uniqueConstraints.append(UniqueConstraint(name: declared?.name ?? "\(name)_\(columns.joined(separator: "_"))_key", columns: columns))
            default:
                let sql = indexSQL.first { $0["name"].string == indexName }?["sql"].string ?? ""
                table.indexes.append(SQLiteIndexDefinition(sql: sql, name: indexName, pragmaRows: parts).index)
            }
        }
        table.uniqueConstraints.sort { $0.name < $1.name }
        return table
    }

    private func foreignKeys(of table: String, _ rows: [DatabaseRow], definition: SQLiteTableDefinition) -> [ForeignKey] {
        let grouped = Dictionary(grouping: rows) { $0["id"].integer ?? 0 }
        return grouped.keys.sorted().compactMap { id -> ForeignKey? in
            guard let parts = grouped[id], let target = parts.first?["target"].string else { return nil }
            let columns = parts.compactMap { $0["source"].string }
            let referenced = parts.compactMap { $0["referenced"].string }
            return ForeignKey(
                name: definition.foreignKeyNames[columns] ?? "\(table)_\(columns.joined(separator: "_"))_fkey",
                columns: columns, referencedTable: QualifiedName(target), referencedColumns: referenced,
                onDelete: ForeignKey.Action(rawValue: parts.first?["on_delete"].string ?? "") ?? .noAction,
                onUpdate: ForeignKey.Action(rawValue: parts.first?["on_update"].string ?? "") ?? .noAction,
                isDeferrable: definition.deferrableKeys.contains(columns))
        }.sorted { $0.name < $1.name }
    }
}
