/// Derives a schema B from a generated schema A by a few random changes,
/// and lists the renames among them as `--rename` reads them
/// (`old_table=new_table`, `table.old_column=new_column`, tables by their
/// name in A).
///
/// ```swift
/// var mutations = SchemaMutations(generator: SchemaGenerator(backend: .sqlite), original: a)
/// mutations.apply(count: 3, using: &random)
/// let (b, renames) = (mutations.schema, mutations.renames)
/// ```
struct SchemaMutations {
    let generator: SchemaGenerator
    private(set) var schema: GeneratedSchema
    /// Confirmed renames of tables, then of columns.
    var renames: [String] { tableRenames + columnRenames }
    /// The renames that undo ``renames``, tables by their name in B.
    var reverseRenames: [String] {
        let current = Dictionary(uniqueKeysWithValues: originalNames.map { ($0.value, $0.key) })
        let tables = tableRenames.map { rename in rename.split(separator: "=").reversed().joined(separator: "=") }
        let columns = columnRenames.map { rename -> String in
            let sides = rename.split(separator: "=").map(String.init)
            let table = String(sides[0][..<sides[0].lastIndex(of: ".")!])
            let column = sides[0][sides[0].index(after: sides[0].lastIndex(of: ".")!)...]
            return "\(current[table] ?? table).\(sides[1])=\(column)"
        }
        return tables + columns
    }
    /// What each mutation did, for a failure's report.
    private(set) var log: [String] = []

    private var tableRenames: [String] = []
    private var columnRenames: [String] = []
    /// Tables of A by their current name → their name in A.
    private var originalNames: [String: String]
    /// Every table name A or a mutation used: a new table takes none of them
    /// (a table dropped and made again under its name would be the same table
    /// to the differ, its columns changing type at random).
    private var usedTableNames: Set<String>
    /// A's columns (`table.column`): only they can be renamed.
    private let originalColumns: Set<String>
    /// Columns (`table.column` by A's names) that were renamed or added: never renamed (again).
    private var touchedColumns: Set<String> = []

    init(generator: SchemaGenerator, original: GeneratedSchema) {
        self.generator = generator
        self.schema = original
        self.originalNames = Dictionary(uniqueKeysWithValues: original.tables.map { ($0.name, $0.name) })
        self.usedTableNames = Set(original.tables.map(\.name))
        self.originalColumns = Set(original.tables.flatMap { table in table.columns.map { table.name + "." + $0.name } })
    }

    /// Applies `count` random mutations.
    mutating func apply(count: Int, using random: inout SplitMix64) {
        for _ in 0..<count {
            var mutations: [(String, (inout SchemaMutations, inout SplitMix64) -> Bool)] = [
                ("add table", { $0.addTable(using: &$1) }), ("drop table", { $0.dropTable(using: &$1) }),
                ("add column", { $0.addColumn(using: &$1) }), ("drop column", { $0.dropColumn(using: &$1) }),
                // Renames weigh double: they meet every other change of the same table.
                ("rename table", { $0.renameTable(using: &$1) }), ("rename table", { $0.renameTable(using: &$1) }),
                ("rename column", { $0.renameColumn(using: &$1) }), ("rename column", { $0.renameColumn(using: &$1) }),
                ("change type", { $0.changeType(using: &$1) }), ("flip nullability", { $0.flipNullability(using: &$1) }),
                ("change default", { $0.changeDefault(using: &$1) }),
                ("add or drop index", { $0.toggleIndex(using: &$1) }), ("add or drop unique", { $0.toggleUnique(using: &$1) }),
                ("add or drop foreign key", { $0.toggleForeignKey(using: &$1) }), ("add or drop check", { $0.toggleCheck(using: &$1) }),
                ("change foreign key actions", { $0.changeForeignKeyActions(using: &$1) }),
            ]
            if generator.backend == .postgres {
                mutations += [
                    ("add enum value", { $0.addEnumValue(using: &$1) }), ("drop enum value", { $0.dropEnumValue(using: &$1) }),
                    ("drop enum value", { $0.dropEnumValue(using: &$1) }),
                    ("rename enum", { $0.renameEnum(using: &$1) }), ("change sequences", { $0.changeSequences(using: &$1) }),
                    ("change comment", { $0.changeComment(using: &$1) }),
                ]
            }
            // A mutation that finds nothing to change gives way to another.
            for _ in 0..<10 {
                let (name, mutation) = random.pick(mutations)
                if mutation(&self, &random) {
                    log.append(name)
                    break
                }
            }
        }
    }

    // MARK: Tables

    private mutating func addTable(using random: inout SplitMix64) -> Bool {
        var table = generator.table(in: schema, using: &random)
        table.name = generator.fresh(table.name, among: Array(usedTableNames))
        usedTableNames.insert(table.name)
        schema.tables.append(table)
        if random.chance(0.5) {
            generator.addForeignKey(from: schema.tables.count - 1, to: Int.random(in: 0..<schema.tables.count, using: &random), in: &schema, using: &random)
        }
        return true
    }

    private mutating func dropTable(using random: inout SplitMix64) -> Bool {
        guard schema.tables.count > 1 else { return false }
        let dropped = random.pick(schema.tables).name
        // A dropped table's renames name nothing in B.
        let original = originalNames[dropped] ?? dropped
        tableRenames.removeAll { $0.hasSuffix("=" + dropped) }
        columnRenames.removeAll { $0.hasPrefix(original + ".") }
        originalNames[dropped] = nil
        schema.tables.removeAll { $0.name == dropped }
        for index in schema.tables.indices { schema.tables[index].foreignKeys.removeAll { $0.table == dropped } }
        return true
    }

    private mutating func renameTable(using random: inout SplitMix64) -> Bool {
        let candidates = schema.tables.filter { originalNames[$0.name] == $0.name && !$0.name.hasPrefix("_") }
        guard let table = candidates.randomElement(using: &random) else { return false }
        let new = generator.fresh(table.name + "Renamed", among: Array(usedTableNames))
        usedTableNames.insert(new)
        for index in schema.tables.indices {
            if schema.tables[index].name == table.name { schema.tables[index].name = new }
            for key in schema.tables[index].foreignKeys.indices where schema.tables[index].foreignKeys[key].table == table.name {
                schema.tables[index].foreignKeys[key].table = new
            }
        }
        originalNames[new] = table.name
        originalNames[table.name] = nil
        tableRenames.append("\(table.name)=\(new)")
        return true
    }

    // MARK: Columns

    /// A table that is no join table, by its index.
    private func plainTable(using random: inout SplitMix64) -> Int? {
        let indices = schema.tables.indices.filter { !schema.tables[$0].name.hasPrefix("_") }
        return indices.isEmpty ? nil : random.pick(indices)
    }

    /// A column of a plain table that is in no key and no foreign key, by table and name.
    private func freeColumn(using random: inout SplitMix64, where condition: (GeneratedSchema.Column) -> Bool = { _ in true }) -> (Int, String)? {
        var candidates: [(Int, String)] = []
        for index in schema.tables.indices where !schema.tables[index].name.hasPrefix("_") {
            let table = schema.tables[index]
            let keyed = Set(table.primaryKey + table.foreignKeys.flatMap(\.columns))
            candidates += table.columns.filter { !keyed.contains($0.name) && $0.generation == .none && condition($0) }.map { (index, $0.name) }
        }
        return candidates.randomElement(using: &random)
    }

    private mutating func addColumn(using random: inout SplitMix64) -> Bool {
        guard let index = plainTable(using: &random) else { return false }
        let name = generator.fresh(random.pick(SchemaGenerator.columnWords), among: schema.tables[index].columns.map(\.name))
        schema.tables[index].columns.append(generator.column(named: name, in: schema, using: &random))
        touchedColumns.insert(original(index) + "." + name)
        return true
    }

    private mutating func dropColumn(using random: inout SplitMix64) -> Bool {
        guard let (index, name) = freeColumn(using: &random) else { return false }
        var table = schema.tables[index]
        guard table.columns.count > table.primaryKey.count + 1 else { return false }
        table.columns.removeAll { $0.name == name }
        let owner = original(index)
        columnRenames.removeAll { $0.hasPrefix(owner + ".") && $0.hasSuffix("=" + name) }
        table.uniques.removeAll { $0.columns.contains(name) }
        table.checks.removeAll { $0.column == name }
        table.indexes.removeAll { $0.parts.contains { $0.column == name } || $0.partialOn == name }
        schema.tables[index] = table
        return true
    }

    private mutating func renameColumn(using random: inout SplitMix64) -> Bool {
        var candidates: [(Int, String)] = []
        for index in schema.tables.indices where !schema.tables[index].name.hasPrefix("_") {
            let table = schema.tables[index]
            guard originalNames[table.name] != nil else { continue }
            let owner = original(index)
            candidates += table.columns.filter { column in
                originalColumns.contains(owner + "." + column.name) && !touchedColumns.contains(owner + "." + column.name)
            }.map { (index, $0.name) }
        }
        guard let (index, old) = candidates.randomElement(using: &random) else { return false }
        let new = generator.fresh(old + "Renamed", among: schema.tables[index].columns.map(\.name))
        let tableName = schema.tables[index].name
        let rename = { (name: String) in name == old ? new : name }
        var table = schema.tables[index]
        for column in table.columns.indices where table.columns[column].name == old { table.columns[column].name = new }
        table.primaryKey = table.primaryKey.map(rename)
        for unique in table.uniques.indices { table.uniques[unique].columns = table.uniques[unique].columns.map(rename) }
        for key in table.foreignKeys.indices { table.foreignKeys[key].columns = table.foreignKeys[key].columns.map(rename) }
        for check in table.checks.indices { table.checks[check].column = rename(table.checks[check].column) }
        for item in table.indexes.indices {
            for part in table.indexes[item].parts.indices { table.indexes[item].parts[part].column = rename(table.indexes[item].parts[part].column) }
            table.indexes[item].partialOn = table.indexes[item].partialOn.map(rename)
        }
        schema.tables[index] = table
        for other in schema.tables.indices {
            for key in schema.tables[other].foreignKeys.indices where schema.tables[other].foreignKeys[key].table == tableName {
                schema.tables[other].foreignKeys[key].referencedColumns = schema.tables[other].foreignKeys[key].referencedColumns.map(rename)
            }
        }
        touchedColumns.insert(original(index) + "." + new)
        columnRenames.append("\(original(index)).\(old)=\(new)")
        return true
    }

    /// Widening and other conversions, now and then to any kind; the
    /// default goes or becomes one of the new kind.
    private mutating func changeType(using random: inout SplitMix64) -> Bool {
        let usedInExpressions = { (table: GeneratedSchema.Table, name: String) in
            table.checks.contains { $0.column == name } || table.indexes.contains { $0.parts.contains { $0.column == name && $0.isLower } }
        }
        guard let (index, name) = freeColumn(using: &random), !usedInExpressions(schema.tables[index], name),
            let position = schema.tables[index].columns.firstIndex(where: { $0.name == name }) else { return false }
        let kind = schema.tables[index].columns[position].kind
        var targets: [GeneratedSchema.Kind]
        switch kind {
        case .integer: targets = [.bigInteger, .text]
        case .bigInteger: targets = [.text]
        case .varchar(let length): targets = [.varchar(length + 50), .text]
        case .text: targets = [.varchar(200)] + schema.enums.map { .enumeration($0.name) }
        case .decimal(let precision, let scale): targets = [.decimal(precision + 2, scale), .text]
        case .boolean: targets = [.text]
        case .enumeration: targets = [.text] + schema.enums.map { .enumeration($0.name) }.filter { $0 != kind }
        default: targets = []
        }
        // Now and then any other kind at all (boolean to bytea): the tables are empty.
        let other = generator.kind(in: schema, using: &random)
        if targets.isEmpty || random.chance(0.3) { targets = other == kind ? [] : [other] }
        guard !targets.isEmpty else { return false }
        let target = random.pick(targets)
        schema.tables[index].columns[position].kind = target
        schema.tables[index].columns[position].defaultSQL = random.chance(0.5) ? generator.defaultSQL(for: target, in: schema, using: &random) : nil
        return true
    }

    private mutating func flipNullability(using random: inout SplitMix64) -> Bool {
        guard let (index, name) = freeColumn(using: &random),
            let position = schema.tables[index].columns.firstIndex(where: { $0.name == name }) else { return false }
        schema.tables[index].columns[position].isNullable.toggle()
        return true
    }

    private mutating func changeDefault(using random: inout SplitMix64) -> Bool {
        guard let (index, name) = freeColumn(using: &random),
            let position = schema.tables[index].columns.firstIndex(where: { $0.name == name }) else { return false }
        let column = schema.tables[index].columns[position]
        let new = column.defaultSQL == nil || random.chance(0.5) ? generator.defaultSQL(for: column.kind, in: schema, using: &random) : nil
        guard new != column.defaultSQL else { return false }
        schema.tables[index].columns[position].defaultSQL = new
        return true
    }

    /// Sets, changes or removes a table's comment or one of its columns'.
    private mutating func changeComment(using random: inout SplitMix64) -> Bool {
        guard !schema.tables.isEmpty else { return false }
        let index = Int.random(in: 0..<schema.tables.count, using: &random)
        let new = random.chance(0.3) ? nil : generator.comment(using: &random)
        if random.chance(0.5) {
            guard schema.tables[index].comment != new else { return false }
            schema.tables[index].comment = new
        } else {
            let position = Int.random(in: 0..<schema.tables[index].columns.count, using: &random)
            guard schema.tables[index].columns[position].comment != new else { return false }
            schema.tables[index].columns[position].comment = new
        }
        return true
    }

    // MARK: Constraints and indexes

    private mutating func toggleIndex(using random: inout SplitMix64) -> Bool {
        let (generator, taken) = (generator, schema.allConstraintNames)
        return toggle(\.indexes, using: &random) { generator.addIndex(to: &$0, taken: taken, using: &$1) }
    }

    private mutating func toggleUnique(using random: inout SplitMix64) -> Bool {
        let (generator, taken) = (generator, schema.allConstraintNames)
        return toggle(\.uniques, using: &random) { generator.addUnique(to: &$0, taken: taken, using: &$1) }
    }

    private mutating func toggleCheck(using random: inout SplitMix64) -> Bool {
        let generator = generator
        return toggle(\.checks, using: &random) { generator.addCheck(to: &$0, using: &$1) }
    }

    /// On a plain table: drops one of `list` half the time when it has any, else adds one with `add`;
    /// whether anything changed.
    private mutating func toggle<Element>(
        _ list: WritableKeyPath<GeneratedSchema.Table, [Element]>, using random: inout SplitMix64,
        adding add: (inout GeneratedSchema.Table, inout SplitMix64) -> Void
    ) -> Bool {
        guard let index = plainTable(using: &random) else { return false }
        if !schema.tables[index][keyPath: list].isEmpty, random.chance(0.5) {
            schema.tables[index][keyPath: list].remove(at: Int.random(in: 0..<schema.tables[index][keyPath: list].count, using: &random))
            return true
        }
        let before = schema.tables[index][keyPath: list].count
        add(&schema.tables[index], &random)
        return schema.tables[index][keyPath: list].count > before
    }

    private mutating func toggleForeignKey(using random: inout SplitMix64) -> Bool {
        guard let index = plainTable(using: &random) else { return false }
        if !schema.tables[index].foreignKeys.isEmpty, random.chance(0.5) {
            schema.tables[index].foreignKeys.remove(at: Int.random(in: 0..<schema.tables[index].foreignKeys.count, using: &random))
            return true
        }
        generator.addForeignKey(from: index, to: Int.random(in: 0..<schema.tables.count, using: &random), in: &schema, using: &random)
        return true
    }

    private mutating func changeForeignKeyActions(using random: inout SplitMix64) -> Bool {
        let keyed = schema.tables.indices.filter { !schema.tables[$0].foreignKeys.isEmpty }
        guard let index = keyed.randomElement(using: &random) else { return false }
        let key = Int.random(in: 0..<schema.tables[index].foreignKeys.count, using: &random)
        let nullable = schema.tables[index].foreignKeys[key].columns.allSatisfy { schema.tables[index].column($0)?.isNullable == true }
        let actions = ["NO ACTION", "RESTRICT", "CASCADE"] + (nullable ? ["SET NULL"] : [])
        schema.tables[index].foreignKeys[key].onDelete = random.pick(actions)
        schema.tables[index].foreignKeys[key].onUpdate = random.pick(actions)
        return true
    }

    // MARK: Enums and sequences (PostgreSQL)

    private mutating func addEnumValue(using random: inout SplitMix64) -> Bool {
        guard !schema.enums.isEmpty else { return false }
        let index = Int.random(in: 0..<schema.enums.count, using: &random)
        let value = generator.fresh(schema.enums[index].name.uppercased() + "_NEW", among: schema.enums[index].values)
        schema.enums[index].values.insert(value, at: Int.random(in: 0...schema.enums[index].values.count, using: &random))
        return true
    }

    /// Drops a value, so the type is replaced; a default naming it takes another value.
    private mutating func dropEnumValue(using random: inout SplitMix64) -> Bool {
        let candidates = schema.enums.indices.filter { schema.enums[$0].values.count >= 2 }
        guard let index = candidates.randomElement(using: &random) else { return false }
        let dropped = schema.enums[index].values.remove(at: Int.random(in: 0..<schema.enums[index].values.count, using: &random))
        let type = schema.enums[index]
        for table in schema.tables.indices {
            for column in schema.tables[table].columns.indices where schema.tables[table].columns[column].kind == .enumeration(type.name)
                && schema.tables[table].columns[column].defaultSQL == "'\(dropped)'" {
                schema.tables[table].columns[column].defaultSQL = "'\(random.pick(type.values))'"
            }
        }
        return true
    }

    /// Renames an enum (without a confirmed rename: a new type, the columns converted to it).
    private mutating func renameEnum(using random: inout SplitMix64) -> Bool {
        guard !schema.enums.isEmpty else { return false }
        let index = Int.random(in: 0..<schema.enums.count, using: &random)
        let old = schema.enums[index].name
        let new = generator.fresh(old + "Renamed", among: schema.enums.map(\.name))
        schema.enums[index].name = new
        for table in schema.tables.indices {
            for column in schema.tables[table].columns.indices where schema.tables[table].columns[column].kind == .enumeration(old) {
                schema.tables[table].columns[column].kind = .enumeration(new)
            }
        }
        return true
    }

    private mutating func changeSequences(using random: inout SplitMix64) -> Bool {
        if !schema.sequences.isEmpty, random.chance(0.6) {
            let index = Int.random(in: 0..<schema.sequences.count, using: &random)
            if random.chance(0.5) {
                schema.sequences.remove(at: index)
            } else {
                schema.sequences[index].start += 5
                schema.sequences[index].increment += 1
            }
        } else {
            schema.sequences.append(generator.sequence(in: schema, using: &random))
        }
        return true
    }

    /// The name in A of the table at `index` (its current name when new).
    private func original(_ index: Int) -> String {
        originalNames[schema.tables[index].name] ?? schema.tables[index].name
    }
}
