extension SchemaDiffer {
    /// Pairs tables by name (or by a confirmed rename), creates the new,
    /// drops the gone and compares each pair; returns the possible renames
    /// it did not guess.
    func diffTables(from: Schema, to: Schema, into steps: inout DiffSteps) -> [RenameCandidate] {
        var matchedOld: Set<QualifiedName> = []
        var created: [Table] = []
        var candidates: [RenameCandidate] = []
        // By name, as `Schema.table(_:)` finds them, without a search per table.
        let oldTables = Dictionary(from.tables.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let newNames = Set(to.tables.map(\.name))
        for new in to.tables {
            let oldName = renames.oldName(ofTable: new.name) ?? new.name
            guard let old = oldTables[oldName], oldName == new.name || !newNames.contains(oldName) else {
                created.append(new)
                continue
            }
            matchedOld.insert(oldName)
            if oldName != new.name { steps.renames.append(.renameTable(from: oldName, to: new.name)) }
            candidates += diffTable(old, new, into: &steps)
        }
        let dropped = from.tables.filter { !matchedOld.contains($0.name) }
        for table in created {
            steps.createTables.append(.createTable(table.withoutForeignKeysAndIndexes))
            steps.createIndexes += table.indexes.map { .createIndex(table.name, $0) }
            steps.addForeignKeys += table.foreignKeys.map { .addForeignKey(table.name, $0) }
            if let comment = table.comment { steps.comments.append(.setTableComment(table.name, comment)) }
            for column in table.columns {
                if let comment = column.comment { steps.comments.append(.setColumnComment(table.name, column: column.name, comment)) }
            }
        }
        for table in dropped {
            steps.dropForeignKeys += table.foreignKeys.map { .dropForeignKey(table.name, $0) }
        }
        steps.dropTables += Self.referencingFirst(dropped).map { .dropTable($0) }
        for old in dropped {
            for new in created where new.columnSignature == old.columnSignature {
                candidates.append(RenameCandidate(kind: .table, old: old.name.description, new: new.name.description))
            }
        }
        return candidates
    }

    /// Compares one table in both schemas: steps before the renames name it
    /// by its old name, the others by its new one.
    private func diffTable(_ old: Table, _ new: Table, into steps: inout DiffSteps) -> [RenameCandidate] {
        // A candidate names the table as `--rename` reads it: by its name in the old schema.
        let tableBefore = old.name
        let columnRenames = (renames.columns[new.name] ?? [:]).filter { old.column($0.key) != nil && new.column($0.value) != nil }
        for (oldColumn, newColumn) in columnRenames.sorted(by: { $0.key < $1.key }) {
            steps.renames.append(.renameColumn(new.name, from: oldColumn, to: newColumn))
        }
        let renamedColumns = Dictionary(uniqueKeysWithValues: columnRenames.map { ($0.key, $0.value) })
        // The old table, as if the confirmed renames had already run.
        let old = old.renaming(columns: renamedColumns, tables: renames.tables, referencedColumns: renames.columns)

        var dropped: [Column] = []
        var added: [Column] = []
        for column in old.columns where new.column(column.name) == nil {
            dropped.append(column)
            steps.columns.append(.dropColumn(new.name, column))
        }
        for column in new.columns {
            guard let before = old.column(column.name) else {
                added.append(column)
                steps.columns.append(.addColumn(new.name, column))
                if let comment = column.comment { steps.comments.append(.setColumnComment(new.name, column: column.name, comment)) }
                continue
            }
            if before.withoutComment != column.withoutComment {
                steps.columns.append(.alterColumn(new.name, from: before, to: column))
            }
            if before.comment != column.comment {
                steps.comments.append(.setColumnComment(new.name, column: column.name, column.comment))
            }
        }
        if old.comment != new.comment { steps.comments.append(.setTableComment(new.name, new.comment)) }
        diffConstraints(old, new, oldName: old.name, into: &steps)
        return dropped.flatMap { gone in
            added.filter { $0.type == gone.type }.map {
                RenameCandidate(kind: .column(table: tableBefore), old: gone.name, new: $0.name)
            }
        }
    }
}

extension SchemaDiffer {
    /// Tables in an order that drops each before the tables it references
    /// (SQLite checks a dropped table's references even once its keys are
    /// gone from the model); a cycle keeps its given order.
    static func referencingFirst(_ tables: [Table]) -> [Table] {
        var remaining = tables
        var ordered: [Table] = []
        while !remaining.isEmpty {
            let referenced = Set(remaining.flatMap { table in
                table.foreignKeys.map(\.referencedTable).filter { $0 != table.name }
            })
            let free = remaining.filter { !referenced.contains($0.name) }
            let next = free.isEmpty ? [remaining[0]] : free
            ordered += next
            remaining.removeAll { table in next.contains { $0.name == table.name } }
        }
        return ordered
    }
}

extension Table {
    /// What `createTable` carries: foreign keys and indexes are steps of their own.
    var withoutForeignKeysAndIndexes: Table {
        var table = self
        table.foreignKeys = []
        table.indexes = []
        return table
    }

    /// Column names and types, to spot a table that may have been renamed.
    var columnSignature: [String] { columns.map { "\($0.name) \($0.type)" } }

    /// The table with renamed columns and referenced tables, its name kept;
    /// a foreign key follows the renamed columns of the table it references
    /// (`referencedColumns`: old → new column names by the table's new name).
    func renaming(
        columns renamed: [String: String], tables renamedTables: [QualifiedName: QualifiedName],
        referencedColumns: [QualifiedName: [String: String]]
    ) -> Table {
        guard !renamed.isEmpty || !renamedTables.isEmpty || !referencedColumns.isEmpty else { return self }
        let rename = { (name: String) in renamed[name] ?? name }
        var table = self
        table.columns = columns.map { column in
            var column = column
            column.name = rename(column.name)
            return column
        }
        table.primaryKey?.columns = primaryKey?.columns.map(rename) ?? []
        table.uniqueConstraints = uniqueConstraints.map { UniqueConstraint(name: $0.name, columns: $0.columns.map(rename)) }
        table.foreignKeys = foreignKeys.map { key in
            var key = key
            key.columns = key.columns.map(rename)
            key.referencedTable = renamedTables[key.referencedTable] ?? key.referencedTable
            let referencedRenames = referencedColumns[key.referencedTable] ?? [:]
            key.referencedColumns = key.referencedColumns.map { referencedRenames[$0] ?? $0 }
            return key
        }
        table.indexes = indexes.map { index in
            var index = index
            index.parts = index.parts.map { part in
                var part = part
                if !part.isExpression { part.value = rename(part.value) }
                return part
            }
            return index
        }
        return table
    }
}

extension Column {
    var withoutComment: Column {
        var column = self
        column.comment = nil
        return column
    }
}
