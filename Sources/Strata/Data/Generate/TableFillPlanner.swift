/// Decides how each requested table is filled, from the live schema: the
/// insert order (referenced tables first), what each column holds and which
/// columns the database fills itself (identities, generated columns,
/// `DEFAULT nextval(...)`).
struct TableFillPlanner {
    let schema: Schema
    /// The session's schema, whose tables the introspected `schema` names without one (`public`).
    var targetSchema: String?

    /// The fills, referenced tables before the tables that reference them.
    ///
    /// - Throws: ``RefusalError`` for a table that does not exist, a column
    ///   no value can be made for, or a cycle of required foreign keys.
    func plan(_ generation: SeedGeneration) throws -> [TableFill] {
        var tables: [(Table, Int)] = []
        for (name, rows) in generation.counts {
            let reference = TableReference(qualified: name)
            let inTarget = reference.schema == nil || reference.schema == targetSchema
            guard let table = schema.table(QualifiedName(schema: inTarget ? nil : reference.schema, reference.name)) else {
                let guess = schema.tables.map(\.name.description).closest(to: name).map { "did you mean `\($0)`? " } ?? ""
                throw RefusalError("there is no table \(name) in the database", nextStep: guess + "name tables as `strata schema inspect` lists them")
            }
            tables.append((table, rows))
        }
        let ordered = try insertOrder(tables)
        return try ordered.map { table, rows, brokenKeys in try fill(table, rows: rows, brokenKeys: brokenKeys) }
    }

    /// Referenced before referencing; a cycle is broken at a nullable foreign key, which is then left null.
    private func insertOrder(_ tables: [(Table, Int)]) throws -> [(Table, Int, Set<String>)] {
        var remaining = tables
        var done: Set<QualifiedName> = []
        var broken: [QualifiedName: Set<String>] = [:]
        var ordered: [(Table, Int, Set<String>)] = []
        let requested = Set(tables.map(\.0.name))
        while !remaining.isEmpty {
            func waiting(_ table: Table) -> [ForeignKey] {
                table.foreignKeys.filter { key in
                    key.referencedTable != table.name && requested.contains(key.referencedTable) && !done.contains(key.referencedTable)
                        && !(broken[table.name] ?? []).contains(key.name)
                }
            }
            if let next = remaining.firstIndex(where: { waiting($0.0).isEmpty }) {
                let (table, rows) = remaining.remove(at: next)
                ordered.append((table, rows, broken[table.name] ?? []))
                done.insert(table.name)
                continue
            }
            // Every table left waits on another: leave one nullable foreign key null.
            let breakable = remaining.lazy.compactMap { table, _ in
                waiting(table).first { key in key.columns.allSatisfy { column in table.column(column)?.isNullable ?? false } }.map { (table.name, $0) }
            }.first
            guard let (table, key) = breakable else {
                let names = remaining.map(\.0.name.description).joined(separator: ", ")
                throw RefusalError(
                    "the tables \(names) reference each other through NOT NULL foreign keys, so none can be filled first",
                    nextStep: "generate them one at a time after seeding one by hand, or make one of the foreign keys nullable")
            }
            broken[table, default: []].insert(key.name)
        }
        return ordered
    }

    private func fill(_ table: Table, rows: Int, brokenKeys: Set<String>) throws -> TableFill {
        let checks = table.checks.map { ($0, CheckFact.read($0.expression)) }
        let facts = checks.flatMap { $0.1 ?? [] }
        let unique = uniqueGroups(of: table)
        var references: [TableFill.Reference] = []
        var referenceOf: [String: (group: Int, position: Int)] = [:]
        for key in table.foreignKeys {
            let nullable = key.columns.allSatisfy { table.column($0)?.isNullable ?? false }
            let keySet = Set(key.columns)
            let distinct = unique.contains { Set($0) == keySet }
            let combined = !distinct && unique.contains { group in
                group.contains(where: keySet.contains) && group.allSatisfy { column in table.foreignKeys.contains { $0.columns.contains(column) } }
            }
            if key.columns.contains(where: { referenceOf[$0] != nil }) { continue }
            for (position, column) in key.columns.enumerated() { referenceOf[column] = (references.count, position) }
            references.append(TableFill.Reference(
                columns: key.columns, referencedTable: key.referencedTable, referencedColumns: key.referencedColumns, nullable: nullable,
                distinct: distinct, combined: combined, alwaysNull: brokenKeys.contains(key.name)))
        }
        var columns: [TableFill.Column] = []
        for column in table.columns where !filledByDatabase(column) {
            if let (group, position) = referenceOf[column.name] {
                columns.append(TableFill.Column(
                    name: column.name, kind: .reference(group: group, position: position), nullChance: 0, notBefore: nil))
                continue
            }
            let isUnique = unique.contains { group in group.contains(column.name) && !groupIsCovered(group, except: column.name, in: table) }
            guard let kind = try kind(of: column, in: table, unique: isUnique, facts: facts) else { continue }
            let required = !column.isNullable || facts.contains(.notNull(column: column.name))
            // A nullable column of a type Strata cannot make is left null.
            let alwaysNull = kind == .null
            columns.append(TableFill.Column(
                name: column.name, kind: kind, nullChance: alwaysNull ? 1 : required ? 0 : ColumnName.nullChance(column: column.name),
                notBefore: nil))
        }
        for fact in facts {
            guard case .order(let later, let earlier) = fact, let laterIndex = columns.firstIndex(where: { $0.name == later }),
                  let earlierIndex = columns.firstIndex(where: { $0.name == earlier })
            else { continue }
            columns[laterIndex].notBefore = earlierIndex
        }
        // `updated_at` follows `created_at` even without a check saying so.
        if let created = columns.firstIndex(where: { ColumnName.normalized($0.name) == "createdat" }) {
            for index in columns.indices where columns[index].notBefore == nil && columns[index].isInstant
                && ["updatedat", "modifiedat", "deletedat", "publishedat", "lastloginat", "archivedat"].contains(ColumnName.normalized(columns[index].name))
            {
                columns[index].notBefore = created
            }
        }
        var order = columns.indices.filter { columns[$0].notBefore == nil }
        order += columns.indices.filter { columns[$0].notBefore != nil }
        return TableFill(
            table: table, rows: rows, columns: columns, order: order, references: references,
            uncheckedChecks: checks.filter { $0.1 == nil }.map(\.0.name))
    }

    /// Whether the database gives the column its value, so the rows leave it out.
    private func filledByDatabase(_ column: Column) -> Bool {
        if column.identity != nil || column.generatedExpression != nil { return true }
        switch column.defaultValue {
        case .autoincrement?: return true
        case .expression(let text)?: return text.lowercased().contains("nextval(")
        default: return false
        }
    }

    /// Whether a unique group is made unique by another of its columns that
    /// the database fills (an identity), so this one need not be.
    private func groupIsCovered(_ group: [String], except column: String, in table: Table) -> Bool {
        group.contains { other in
            other != column && table.column(other).map { filledByDatabase($0) || isUUIDWithDefault($0) } ?? false
        }
    }

    private func isUUIDWithDefault(_ column: Column) -> Bool {
        guard case .expression(let text)? = column.defaultValue else { return false }
        return text.lowercased().contains("uuid")
    }

    /// Column sets that must be unique: the primary key, unique constraints,
    /// unique indexes on plain columns without a predicate. A rowid alias
    /// (`INTEGER PRIMARY KEY` on SQLite) is filled by the database.
    private func uniqueGroups(of table: Table) -> [[String]] {
        var groups: [[String]] = []
        if let key = table.primaryKey { groups.append(key.columns) }
        groups += table.uniqueConstraints.map(\.columns)
        groups += table.indexes.filter { $0.isUnique && $0.predicate == nil && $0.parts.allSatisfy { !$0.isExpression } }.map { $0.parts.map(\.value) }
        return groups
    }

    private func kind(of column: Column, in table: Table, unique: Bool, facts: [CheckFact]) throws -> GeneratedValueKind? {
        let own = facts.filter { $0.column == column.name }
        var allowed: [String]?
        var lower: Double?
        var upper: Double?
        var lowerStrict = false
        var upperStrict = false
        var minLength = 0
        var maxLength: Int?
        for fact in own {
            switch fact {
            case .values(_, let values): allowed = allowed.map { Array(Set($0).intersection(values)).sorted() } ?? values
            case .bound(_, let low, let high, let strictLow, let strictHigh):
                if let low, low >= (lower ?? -.infinity) { lower = low; lowerStrict = strictLow }
                if let high, high <= (upper ?? .infinity) { upper = high; upperStrict = strictHigh }
            case .length(_, let min, let max):
                if let min { minLength = Swift.max(minLength, min) }
                if let max { maxLength = maxLength.map { Swift.min($0, max) } ?? max }
            case .nonEmpty: minLength = Swift.max(minLength, 1)
            case .notNull, .order: break
            }
        }
        let type = SeedColumnType(column.type, enums: schema.enums)
        if let values = type.enumValues ?? allowed {
            guard !values.isEmpty else { return try unsupported(column, in: table, because: "its checks allow no value") }
            if unique && values.count < 2 { return try unsupported(column, in: table, because: "it is unique and allows one value") }
            if case .integer = type.family {
                let numbers = values.compactMap { Int64($0) }
                guard !numbers.isEmpty else { return try unsupported(column, in: table, because: "its checks allow no integer") }
                return .integerChoice(numbers)
            }
            return .choice(values, usual: unique ? nil : usualValue(of: column, among: values))
        }
        switch type.family {
        case .integer(let limit):
            if unique { return .sequence }
            let low = lower.map { Int64(($0 + (lowerStrict ? 1 : 0)).rounded(.up)) } ?? limit.lowerBound
            let high = upper.map { Int64(($0 - (upperStrict ? 1 : 0)).rounded(.down)) } ?? limit.upperBound
            guard low <= high else { return try unsupported(column, in: table, because: "its checks allow no integer") }
            let bounded = Swift.max(low, limit.lowerBound)...Swift.min(high, limit.upperBound)
            let named = ColumnName.integerRange(column: column.name, limit: bounded)
            return .integer(named)
        case .real, .decimal:
            var range = ColumnName.realRange(column: column.name)
            var scale = 2
            if case .decimal(let precision, let decimals) = type.family {
                scale = decimals
                let limit = precision.map { pow10($0 - decimals) - pow10(-decimals) } ?? 1e12
                range = Swift.max(range.lowerBound, -limit)...Swift.min(range.upperBound, limit)
            }
            let step = lowerStrict || upperStrict ? pow10(-Swift.max(scale, 2)) : 0
            let low = Swift.max(range.lowerBound, (lower ?? -.infinity) + (lowerStrict ? step : 0))
            let high = Swift.min(range.upperBound, (upper ?? .infinity) - (upperStrict ? step : 0))
            let bounded = low <= high ? low...high : (lower.map { $0 + step } ?? high)...(upper.map { $0 - step } ?? low)
            guard bounded.lowerBound <= bounded.upperBound else { return try unsupported(column, in: table, because: "its checks allow no number") }
            if case .decimal = type.family { return .decimal(bounded, scale: scale) }
            return .real(bounded)
        case .boolean:
            return .boolean(chance: ColumnName.booleanChance(column: column.name))
        case .text(let typeLength):
            let style = ColumnName.textStyle(column: column.name, table: table.name.name)
            let upperLength = [typeLength, maxLength].compactMap { $0 }.min()
            let length = minLength...Swift.max(minLength, upperLength ?? 10_000)
            return .text(style, length: length, unique: unique)
        case .uuid: return .uuid
        case .timestamp: return .timestamp(ColumnName.timeStyle(column: column.name))
        case .date: return .date(ColumnName.timeStyle(column: column.name))
        case .time: return .time
        case .json: return .json
        case .bytes: return .bytes
        case .ipAddress: return .ipAddress
        case .textArray: return .textArray
        case .unsupported(let spelling):
            if column.defaultValue != nil { return nil }
            if column.isNullable { return .null }
            return try unsupported(column, in: table, because: "Strata cannot make values of type \(spelling)")
        }
    }

    /// The column's default when it is one of `values` (`'USER'::role`): most rows keep it.
    private func usualValue(of column: Column, among values: [String]) -> String? {
        guard case .expression(let text)? = column.defaultValue,
              let literal = CheckToken.split(text).first(where: { if case .string = $0 { true } else { false } }),
              case .string(let value) = literal, values.contains(value)
        else { return nil }
        return value
    }

    private func unsupported(_ column: Column, in table: Table, because reason: String) throws -> GeneratedValueKind? {
        if column.defaultValue != nil { return nil }
        throw RefusalError(
            "\(table.name).\(column.name) cannot be generated: \(reason)",
            nextStep: "give it a default, or seed \(table.name) with a script in seeds/")
    }

    private func pow10(_ exponent: Int) -> Double {
        var value = 1.0
        if exponent >= 0 { for _ in 0..<exponent { value *= 10 } } else { for _ in 0..<(-exponent) { value /= 10 } }
        return value
    }
}

extension TableFill.Column {
    var isInstant: Bool {
        switch kind {
        case .timestamp, .date: true
        default: false
        }
    }
}

extension CheckFact {
    /// The column the fact constrains (the later one of an order).
    var column: String {
        switch self {
        case .bound(let column, _, _, _, _), .values(let column, _), .length(let column, _, _), .notNull(let column), .nonEmpty(let column):
            column
        case .order(let later, _):
            later
        }
    }
}
