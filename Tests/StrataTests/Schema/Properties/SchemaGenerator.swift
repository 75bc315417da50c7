import Foundation

/// Random but valid schemas for one backend: several tables with the
/// backend's column types, nullability, defaults, generated keys,
/// composite keys, unique constraints, checks, indexes (unique, partial,
/// expression, descending, multi-column), foreign keys (every action,
/// self-references, a cycle between two tables), enums and standalone
/// sequences (PostgreSQL), and implicit many-to-many join tables shaped
/// like Prisma's (`_AToB` with `A` and `B`).
///
/// ```swift
/// var random = SplitMix64(seed: 1)
/// let schema = SchemaGenerator(backend: .postgres).schema(using: &random)
/// ```
struct SchemaGenerator {
    let backend: Backend

    static let words = ["Account", "Post", "Tag", "Order", "Item", "Team", "Note", "Event", "Place", "Photo"]
    static let columnWords = ["title", "body", "amount", "flag", "createdAt", "score", "label", "data", "code", "rank"]

    func schema(using random: inout SplitMix64) -> GeneratedSchema {
        var schema = GeneratedSchema(backend: backend)
        if backend == .postgres {
            for _ in 0..<Int.random(in: 0...2, using: &random) {
                let name = fresh("Kind", among: schema.enums.map(\.name))
                let values = (1...Int.random(in: 2...4, using: &random)).map { "\(name.uppercased())_\($0)" }
                schema.enums.append(GeneratedSchema.Enumeration(name: name, values: values))
            }
            if random.chance(0.4) { schema.sequences.append(sequence(in: schema, using: &random)) }
        }
        for _ in 0..<Int.random(in: 2...5, using: &random) {
            schema.tables.append(table(in: schema, using: &random))
        }
        for index in schema.tables.indices where index > 0 && random.chance(0.5) {
            addForeignKey(from: index, to: Int.random(in: 0..<index, using: &random), in: &schema, using: &random)
        }
        if random.chance(0.25) {
            let index = Int.random(in: 0..<schema.tables.count, using: &random)
            addForeignKey(from: index, to: index, in: &schema, using: &random)
        }
        if random.chance(0.2) {
            // A cycle: the first table references the second, which references the first.
            addForeignKey(from: 0, to: 1, in: &schema, using: &random)
            addForeignKey(from: 1, to: 0, in: &schema, using: &random)
        }
        if random.chance(0.3) { addJoinTable(in: &schema, using: &random) }
        return schema
    }

    /// A sequence with a fresh name.
    func sequence(in schema: GeneratedSchema, using random: inout SplitMix64) -> GeneratedSchema.Sequence {
        GeneratedSchema.Sequence(
            name: fresh("counter", among: schema.sequences.map(\.name)), start: random.pick([1, 10, 100]),
            increment: random.pick([1, 2, 5]))
    }

    /// A table with a fresh name: a key (generated, plain or composite),
    /// a few columns, perhaps a unique constraint, a check and indexes.
    func table(in schema: GeneratedSchema, using random: inout SplitMix64) -> GeneratedSchema.Table {
        let name = fresh(random.pick(Self.words), among: schema.tables.map(\.name))
        var columns: [GeneratedSchema.Column] = []
        var key: [String]
        if random.chance(0.7) {
            var id = GeneratedSchema.Column(name: "id", kind: .integer)
            switch backend {
            case .sqlite:
                if random.chance(0.5) { id.generation = .autoincrement }
            case .postgres:
                id.kind = random.pick([.integer, .bigInteger])
                id.generation = random.pick([.none, .serial, .identity])
            }
            columns.append(id)
            key = ["id"]
        } else {
            columns.append(GeneratedSchema.Column(name: "tenant", kind: .integer))
            columns.append(GeneratedSchema.Column(name: "slug", kind: random.pick([.text, .varchar(40)])))
            key = ["tenant", "slug"]
        }
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            columns.append(column(named: fresh(random.pick(Self.columnWords), among: columns.map(\.name)), in: schema, using: &random))
        }
        let taken = schema.allConstraintNames
        var table = GeneratedSchema.Table(
            name: name, columns: columns, primaryKeyName: fresh(name + "_pkey", among: taken), primaryKey: key)
        if random.chance(0.3) { addUnique(to: &table, taken: taken, using: &random) }
        if random.chance(0.3) { addCheck(to: &table, using: &random) }
        for _ in 0..<Int.random(in: 0...2, using: &random) { addIndex(to: &table, taken: taken, using: &random) }
        if backend == .postgres {
            if random.chance(0.3) { table.comment = comment(using: &random) }
            for index in table.columns.indices where random.chance(0.2) { table.columns[index].comment = comment(using: &random) }
        }
        return table
    }

    /// A comment, sometimes with a quote or a line break in it.
    func comment(using random: inout SplitMix64) -> String {
        random.pick(["Who may do what.", "the owner's name", "kept for\ntwo years", "Ünïcode ✓"])
    }

    /// A column of a random kind the backend has, nullable or not, perhaps with a default.
    func column(named name: String, in schema: GeneratedSchema, using random: inout SplitMix64) -> GeneratedSchema.Column {
        var column = GeneratedSchema.Column(name: name, kind: kind(in: schema, using: &random), isNullable: random.chance(0.5))
        if random.chance(0.4) { column.defaultSQL = defaultSQL(for: column.kind, in: schema, using: &random) }
        return column
    }

    func kind(in schema: GeneratedSchema, using random: inout SplitMix64) -> GeneratedSchema.Kind {
        switch backend {
        case .sqlite:
            return random.pick([.integer, .bigInteger, .text, .varchar(50), .decimal(10, 2), .boolean, .timestamp, .bytes, .real])
        case .postgres:
            var kinds: [GeneratedSchema.Kind] = [
                .integer, .bigInteger, .text, .varchar(random.pick([20, 100])), .decimal(random.pick([10, 12]), 2), .boolean,
                .timestamp, .timestampWithZone, .json, .uuid, .bytes, .textArray, .real,
            ]
            kinds += schema.enums.map { .enumeration($0.name) }
            return random.pick(kinds)
        }
    }

    /// A default that fits `kind`, or `nil` for a kind without one.
    func defaultSQL(for kind: GeneratedSchema.Kind, in schema: GeneratedSchema, using random: inout SplitMix64) -> String? {
        switch kind {
        case .integer, .bigInteger: random.pick(["0", "7"])
        case .text, .varchar: random.pick(["'a'", "'none'"])
        case .decimal, .real: random.pick(["0", "1.5"])
        case .boolean: backend == .postgres ? random.pick(["true", "false"]) : random.pick(["0", "1"])
        case .timestamp, .timestampWithZone: "CURRENT_TIMESTAMP"
        case .json: "'{}'"
        case .uuid: "gen_random_uuid()"
        case .bytes: nil
        case .textArray: "'{}'"
        case .enumeration(let name): schema.enums.first { $0.name == name }.map { "'\(random.pick($0.values))'" }
        }
    }

    /// A unique constraint on one or two plain columns, named unlike `taken`.
    func addUnique(to table: inout GeneratedSchema.Table, taken: [String], using random: inout SplitMix64) {
        let candidates = table.columns.filter { $0.kind.isScalar && !table.primaryKey.contains($0.name) }.map(\.name)
        guard !candidates.isEmpty else { return }
        let columns = Array(candidates.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)))
        let name = fresh(table.name + "_" + columns.joined(separator: "_") + "_key", among: taken + table.constraintNames)
        table.uniques.append(GeneratedSchema.Unique(name: name, columns: columns))
    }

    /// `"column" > n` on an integer column or `length("column") > n` on a text one.
    func addCheck(to table: inout GeneratedSchema.Table, using random: inout SplitMix64) {
        let candidates = table.columns.filter { $0.kind.isInteger || $0.kind.isText }
        guard let column = candidates.randomElement(using: &random) else { return }
        let name = fresh(table.name + "_" + column.name + "_check", among: table.constraintNames)
        table.checks.append(GeneratedSchema.Check(name: name, column: column.name, isLength: column.kind.isText, bound: random.pick([-1, 0])))
    }

    /// An index: plain or unique, on one or two columns, ascending or
    /// descending, perhaps partial, perhaps on `lower(text)`; named unlike `taken`.
    func addIndex(to table: inout GeneratedSchema.Table, taken: [String], using random: inout SplitMix64) {
        let candidates = table.columns.filter(\.kind.isScalar)
        guard !candidates.isEmpty else { return }
        let chosen = Array(candidates.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random)))
        let parts = chosen.map { column in
            GeneratedSchema.Index.Part(
                column: column.name, isLower: column.kind.isText && random.chance(0.3), isDescending: random.chance(0.3))
        }
        let nullable = chosen.filter(\.isNullable).map(\.name)
        let name = fresh(table.name + "_" + chosen.map(\.name).joined(separator: "_") + "_idx", among: taken + table.constraintNames)
        table.indexes.append(GeneratedSchema.Index(
            name: name, parts: parts, isUnique: random.chance(0.3),
            partialOn: !nullable.isEmpty && random.chance(0.4) ? random.pick(nullable) : nil))
    }

    /// A foreign key from table `from` to the key of table `to`, through new
    /// columns of the key's kinds (nullable for a self-reference or a cycle).
    func addForeignKey(from: Int, to: Int, in schema: inout GeneratedSchema, using random: inout SplitMix64) {
        let target = schema.tables[to]
        let nullable = from <= to || random.chance(0.4)
        var columns: [String] = []
        for keyColumn in target.primaryKey {
            let kind = target.column(keyColumn)!.kind
            let name = fresh(target.name.lowercased() + keyColumn.capitalized, among: schema.tables[from].columns.map(\.name))
            schema.tables[from].columns.append(GeneratedSchema.Column(name: name, kind: kind, isNullable: nullable))
            columns.append(name)
        }
        var actions = ["NO ACTION", "RESTRICT", "CASCADE"]
        if nullable { actions.append("SET NULL") }
        let name = fresh(schema.tables[from].name + "_" + columns.joined(separator: "_") + "_fkey", among: schema.tables[from].constraintNames)
        schema.tables[from].foreignKeys.append(GeneratedSchema.ForeignKey(
            name: name, columns: columns, table: target.name, referencedColumns: target.primaryKey,
            onDelete: random.pick(actions), onUpdate: random.pick(actions)))
    }

    /// Prisma's implicit many-to-many table between two tables with a one-column key.
    func addJoinTable(in schema: inout GeneratedSchema, using random: inout SplitMix64) {
        let keyed = schema.tables.filter { $0.primaryKey.count == 1 && !$0.name.hasPrefix("_") }.shuffled(using: &random)
        guard keyed.count >= 2 else { return }
        let (a, b) = keyed[0].name < keyed[1].name ? (keyed[0], keyed[1]) : (keyed[1], keyed[0])
        let name = "_\(a.name)To\(b.name)"
        guard schema.table(name) == nil else { return }
        let kind = { (table: GeneratedSchema.Table) in table.column(table.primaryKey[0])!.kind }
        var join = GeneratedSchema.Table(
            name: name, columns: [GeneratedSchema.Column(name: "A", kind: kind(a)), GeneratedSchema.Column(name: "B", kind: kind(b))],
            primaryKeyName: name + "_AB_pkey", primaryKey: ["A", "B"])
        if backend == .sqlite {
            join.indexes.append(GeneratedSchema.Index(name: name + "_AB_unique", parts: [.init(column: "A"), .init(column: "B")], isUnique: true))
        }
        join.indexes.append(GeneratedSchema.Index(name: name + "_B_index", parts: [.init(column: "B")]))
        join.foreignKeys = [
            GeneratedSchema.ForeignKey(name: name + "_A_fkey", columns: ["A"], table: a.name, referencedColumns: a.primaryKey, onDelete: "CASCADE", onUpdate: "CASCADE"),
            GeneratedSchema.ForeignKey(name: name + "_B_fkey", columns: ["B"], table: b.name, referencedColumns: b.primaryKey, onDelete: "CASCADE", onUpdate: "CASCADE"),
        ]
        schema.tables.append(join)
    }

    /// `base`, or `base2`, `base3`, ... if `names` has it.
    func fresh(_ base: String, among names: [String]) -> String {
        var name = base
        var counter = 2
        while names.contains(name) {
            name = base + String(counter)
            counter += 1
        }
        return name
    }
}

extension GeneratedSchema.Kind {
    var isInteger: Bool { self == .integer || self == .bigInteger }
    var isText: Bool {
        if case .varchar = self { return true }
        return self == .text
    }
    /// A kind a plain btree index or unique constraint takes.
    var isScalar: Bool { self != .json && self != .textArray && self != .bytes }
}

extension GeneratedSchema {
    /// Every key, constraint and index name (PostgreSQL's indexes share one namespace).
    var allConstraintNames: [String] { tables.flatMap(\.constraintNames) }
}

extension GeneratedSchema.Table {
    /// The names of its key, constraints and indexes.
    var constraintNames: [String] {
        [primaryKeyName] + uniques.map(\.name) + foreignKeys.map(\.name) + checks.map(\.name) + indexes.map(\.name)
    }
}
