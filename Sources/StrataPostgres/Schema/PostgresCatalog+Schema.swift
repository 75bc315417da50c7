import Strata

extension PostgresCatalog {
    /// The rows as a ``Schema``: objects of the target schema unqualified.
    func schema(
        tables tableRows: [TableRow], columns: [ColumnRow], constraints: [ConstraintRow], indexes: [IndexRow],
        enums: [EnumRow], sequences: [SequenceRow], views: [ViewRow], extensions: [ExtensionRow], excluding excluded: Set<QualifiedName>
    ) -> Schema {
        let columnsByTable = Dictionary(grouping: columns, by: \.rel)
        let constraintsByTable = Dictionary(grouping: constraints, by: \.rel)
        let indexesByTable = Dictionary(grouping: indexes, by: \.rel)
        var tables: [Table] = []
        for row in tableRows {
            let name = qualified(row.ns, row.name)
            guard !excluded.contains(name) else { continue }
            var table = Table(name: name, comment: row.comment)
            table.columns = (columnsByTable[row.oid] ?? []).map(column)
            for constraint in constraintsByTable[row.oid] ?? [] {
                switch constraint.kind {
                case "p": table.primaryKey = PrimaryKey(name: constraint.name, columns: constraint.columns)
                case "u": table.uniqueConstraints.append(UniqueConstraint(name: constraint.name, columns: constraint.columns))
                case "c": table.checks.append(CheckConstraint(name: constraint.name, expression: Self.checkExpression(constraint.check ?? "")))
                case "f": table.foreignKeys.append(foreignKey(constraint))
                default: continue
                }
            }
            table.indexes = (indexesByTable[row.oid] ?? []).map(index)
            tables.append(table)
        }
        return Schema(
            tables: tables.sorted { $0.name < $1.name },
            enums: enums.map { EnumType(name: qualified($0.ns, $0.name), values: $0.labels) }.sorted { $0.name < $1.name },
            sequences: sequences.map { DatabaseSequence(name: qualified($0.ns, $0.name), start: $0.start, increment: $0.increment) },
            views: views.map { DatabaseView(name: qualified($0.ns, $0.name), definition: $0.definition, isMaterialized: $0.materialized) }
                .sorted { $0.name < $1.name },
            extensions: extensions.map { DatabaseExtension(name: $0.name, schema: $0.ns == target ? nil : $0.ns) })
    }

    private func qualified(_ namespace: String, _ name: String) -> QualifiedName {
        QualifiedName(schema: namespace == target ? nil : namespace, name)
    }

    private func column(_ row: ColumnRow) -> Column {
        let type: ColumnType
        if let enumName = row.enum_name, let enumNamespace = row.enum_ns {
            type = ColumnType(.userDefined(qualified(enumNamespace, enumName)), isArray: row.is_array)
        } else {
            type = .builtIn(PostgresTypeNames.spelling(row.is_array ? row.element_type ?? row.type : row.type), isArray: row.is_array)
        }
        var column = Column(name: row.name, type: type, isNullable: !row.not_null, collation: row.collation, comment: row.comment)
        if !row.generated.isEmpty {
            if row.generated == "s" { column.generatedExpression = row.expression }
        } else if row.owns_sequence, row.expression?.hasPrefix("nextval(") == true {
            column.defaultValue = .autoincrement
        } else if let sql = row.expression, row.identity.isEmpty {
            column.defaultValue = .expression(sql)
        }
        switch row.identity {
        case "a": column.identity = .always
        case "d": column.identity = .byDefault
        default: break
        }
        return column
    }

    private func foreignKey(_ row: ConstraintRow) -> ForeignKey {
        ForeignKey(
            name: row.name, columns: row.columns, referencedTable: qualified(row.ref_ns ?? target, row.ref_table ?? ""),
            referencedColumns: row.ref_columns ?? [], onDelete: Self.action(row.on_delete), onUpdate: Self.action(row.on_update),
            isDeferrable: row.deferrable, isInitiallyDeferred: row.deferred)
    }

    private func index(_ row: IndexRow) -> TableIndex {
        let parts = row.parts.map { part -> TableIndex.Part in
            let order: TableIndex.Part.Order = part.descending ? .descending : .ascending
            // NULLS FIRST is the default for DESC, NULLS LAST for ASC: only the other is kept.
            let nullsFirst: Bool? = part.nulls_first == part.descending ? nil : part.nulls_first
            let operatorClass = part.opclass_default ? nil : part.opclass
            if let column = part.column {
                return TableIndex.Part(column: column, order: order, nullsFirst: nullsFirst, operatorClass: operatorClass, collation: part.collation)
            }
            var expression = TableIndex.Part(expression: part.definition ?? "", order: order, operatorClass: operatorClass)
            expression.nullsFirst = nullsFirst
            return expression
        }
        return TableIndex(name: row.name, parts: parts, isUnique: row.unique, method: row.method == "btree" ? nil : row.method, predicate: row.predicate)
    }

    /// `CHECK ((price > 0))` → `(price > 0)`; `NOT VALID` left out.
    static func checkExpression(_ definition: String) -> String {
        var text = definition
        if text.hasSuffix(" NOT VALID") { text.removeLast(" NOT VALID".count) }
        guard text.hasPrefix("CHECK ("), text.hasSuffix(")") else { return text }
        return String(text.dropFirst("CHECK (".count).dropLast())
    }

    static func action(_ code: String?) -> ForeignKey.Action {
        switch code {
        case "r": .restrict
        case "c": .cascade
        case "n": .setNull
        case "d": .setDefault
        default: .noAction
        }
    }
}
