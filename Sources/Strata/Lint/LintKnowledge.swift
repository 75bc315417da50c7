/// What the linter knows of the schema at a statement: the live database's
/// objects (when connected), then what every earlier statement did. Objects
/// made in the current run are *new*: they hold no rows yet, so locking and
/// scanning them costs nothing.
public struct LintKnowledge: Sendable {
    struct Table: Sendable {
        /// The run that created it (see ``run``); 0 for what existed before the first.
        var createdIn: Int
        var columns: [String: Column] = [:]
    }

    /// A column as rules see it.
    public struct Column: Sendable {
        public var type: TypeName?
        public var notNull: Bool
        /// Whether the current run added it.
        public var isNew = false
        /// Part of the primary key or declared `UNIQUE` in its definition.
        public var isKey = false
        /// Whether it has a default (or fills itself: identity, serial, generated), so inserts may leave it out.
        public var hasDefault = false
        var createdIn = 0
    }

    /// An index as rules see it.
    public struct Index: Sendable {
        public var table: TableReference
        public var columns: [String]
        /// Whether the current run created it.
        public var isNew = false
        var createdIn = 0
    }

    public struct Constraint: Sendable {
        public var table: TableReference
        public var kind: ConstraintDefinition.Kind
        public var validated: Bool
        var createdIn = 0
        /// The transaction that added it `NOT VALID`, for a `VALIDATE` in the same one.
        public var addedNotValidIn: Int?
        /// The columns it constrains, when known.
        public var columns: [String] = []
    }

    public struct EnumValue: Sendable {
        public var type: TableReference
        public var value: String
        public var transaction: Int
    }

    private(set) var tables = NamedObjects<Table>()
    private(set) var indexes = NamedObjects<Index>()
    private(set) var constraints = NamedObjects<Constraint>()
    private(set) var types = NamedObjects<(createdIn: Int, enumValues: [String]?)>()
    private(set) var sequences = NamedObjects<Int>()
    /// The current run's number: objects made in it are new. Starting a run
    /// is a counter step, not a pass over everything known.
    private(set) var run = 0
    /// Other objects (schemas, views, functions, ...) created in the current run, as `kind:name`.
    private(set) var createdInRun: Set<String> = []
    /// Tables whose rows the current run copied into another table (`INSERT ... SELECT`).
    private(set) var copiedOut = NamedObjects<Bool>()
    /// Types renamed in the current run, in order.
    private(set) var renamedTypes: [(from: String, to: String)] = []
    /// Enum values added by `ALTER TYPE ... ADD VALUE` in a transaction still open.
    private(set) var openEnumValues: [EnumValue] = []

    public init() {}

    /// Seeds the knowledge with a live schema: every object in it exists and is not new.
    ///
    /// - Parameter typeName: reads a column type's spelling as the facts name types (``ScriptParsing/typeName(spelledAs:)``).
    public init(schema: Schema, typeName: (String) -> TypeName? = { _ in nil }) {
        for table in schema.tables {
            let reference = TableReference(schema: table.name.schema, name: table.name.name)
            var known = Table(createdIn: 0)
            for column in table.columns {
                known.columns[column.name] = Column(
                    type: typeName(column.type.description), notNull: !column.isNullable,
                    hasDefault: column.defaultValue != nil || column.identity != nil || column.generatedExpression != nil)
            }
            tables[reference] = known
            for index in table.indexes {
                indexes[TableReference(schema: reference.schema, name: index.name)] = Index(table: reference, columns: [])
            }
            for check in table.checks {
                constraints[TableReference(schema: reference.schema, name: check.name)] = Constraint(
                    table: reference, kind: .check(notNullColumn: Self.notNullColumn(ofCheck: check.expression)),
                    validated: true)
            }
        }
        for enumType in schema.enums {
            types[TableReference(schema: enumType.name.schema, name: enumType.name.name)] = (0, enumType.values)
        }
    }

    /// The column of a check that reads exactly `column IS NOT NULL` (parentheses and quotes aside).
    static func notNullColumn(ofCheck expression: String) -> String? {
        let bare = expression.filter { $0 != "(" && $0 != ")" }.trimmingWhitespace()
        let words = bare.split(whereSeparator: \.isWhitespace)
        guard words.count == 4, words[1...].map({ $0.uppercased() }) == ["IS", "NOT", "NULL"] else { return nil }
        let column = words[0]
        return column.hasPrefix("\"") && column.hasSuffix("\"") && column.count > 1
            ? String(column.dropFirst().dropLast()) : String(column)
    }

    // MARK: - Questions rules ask

    /// Whether the table was created in the current run (so it holds no rows yet).
    public func isNew(table: TableReference) -> Bool { tables[table].map { $0.createdIn == run && run > 0 } ?? false }

    private func isCurrent(_ createdIn: Int) -> Bool { createdIn == run && run > 0 }

    public func column(_ name: String, of table: TableReference) -> Column? {
        guard var column = tables[table]?.columns[name] else { return nil }
        column.isNew = isCurrent(column.createdIn)
        return column
    }

    /// `table.column` of every known column whose type is the user-defined type `type`.
    public func columns(ofType type: TableReference) -> [String] {
        tables.entries.flatMap { name, table in
            table.columns.filter { $0.value.type?.name == type.name && $0.value.type?.schema == type.schema || $0.value.type?.name == type.name && type.schema == nil }
                .map { "\(name).\($0.key)" }
        }.sorted()
    }

    /// The names of a known table's columns.
    public func columns(of table: TableReference) -> [String]? { tables[table].map { Array($0.columns.keys) } }

    public func constraint(named name: String, on table: TableReference) -> Constraint? {
        constraints[TableReference(schema: table.schema, name: name)]
    }

    public func index(named name: TableReference) -> Index? {
        guard var index = indexes[name] else { return nil }
        index.isNew = isCurrent(index.createdIn)
        return index
    }

    /// The indexes of a table that include `column`.
    public func indexes(on table: TableReference, including column: String) -> [String] {
        indexes.entries.filter { $0.value.table.matches(table) && $0.value.columns.contains(column) }.map(\.name)
    }

    public func type(named name: TableReference) -> (isNew: Bool, enumValues: [String]?)? {
        types[name].map { (isCurrent($0.createdIn), $0.enumValues) }
    }

    /// Whether a validated `CHECK (column IS NOT NULL)` holds on the table, so `SET NOT NULL` needs no scan.
    public func hasValidatedNotNullCheck(on table: TableReference, column: String) -> Bool {
        constraints.values.contains { constraint in
            constraint.validated && constraint.table.matches(table) && constraint.kind == .check(notNullColumn: column)
        }
    }

    /// Enum values added earlier in transaction `transaction`.
    public func enumValuesAdded(inTransaction transaction: Int) -> [EnumValue] {
        openEnumValues.filter { $0.transaction == transaction }
    }

    // MARK: - Learning

    /// A run boundary: what the run created so far now counts as existing.
    mutating func startRun() {
        run += 1
        createdInRun = []
        renamedTypes = []
        copiedOut = NamedObjects()
    }

    /// Whether the current run copied the table's rows into another table before this statement.
    public func wasCopiedOut(_ table: TableReference) -> Bool { copiedOut[table] ?? false }

    /// Whether an object of `kind` named `name` was created in the current run.
    public func created(_ kind: ObjectKind, _ name: TableReference) -> Bool {
        switch kind {
        case .table: isNew(table: name)
        case .index: index(named: name)?.isNew ?? false
        case .type: type(named: name)?.isNew ?? false
        case .sequence: sequences[name].map(isCurrent) ?? false
        default: createdInRun.contains("\(kind.rawValue):\(name.name)")
        }
    }

    /// A transaction ended: its enum values are usable from now on.
    mutating func endTransaction(_ transaction: Int) {
        openEnumValues.removeAll { $0.transaction == transaction }
    }

    /// Takes in what a statement did. `transaction` identifies the one it ran in, if any.
    mutating func learn(_ facts: StatementFacts, transaction: Int?) {
        for located in facts.actions { learn(located.action, transaction: transaction) }
    }

    private mutating func learn(_ action: SchemaAction, transaction: Int?) {
        switch action {
        case .createTable(let creation):
            var table = Table(createdIn: run)
            for column in creation.columns {
                table.columns[column.name] = Column(
                    type: column.type, notNull: column.notNull || column.primaryKey, isKey: column.primaryKey || column.unique,
                    hasDefault: column.defaultValue != nil || column.generated != nil || column.isSerial, createdIn: run)
            }
            tables[creation.table] = table
            for constraint in creation.constraints { add(constraint, to: creation.table, transaction: transaction) }
        case .createIndex(let build):
            if let name = build.name {
                indexes[TableReference(schema: build.table.schema, name: name)] = Index(table: build.table, columns: build.columns, createdIn: run)
            }
        case .createType(let name, let values):
            types[name] = (run, values)
        case .create(.sequence, let name):
            sequences[name] = run
        case .create(let kind, let name):
            createdInRun.insert("\(kind.rawValue):\(name.name)")
        case .copyRows(_, let source, _):
            copiedOut[source] = true
        case .truncate, .update, .delete, .reindex, .vacuumFull, .cluster, .lockTable, .setTablespace,
             .detachPartition, .refreshMaterializedView, .setting, .dropConstraint:
            break
        case .setDefault(let table, let column, _):
            tables[table]?.columns[column]?.hasDefault = true
        case .dropDefault(let table, let column):
            tables[table]?.columns[column]?.hasDefault = false
        case .drop(let drop):
            for name in drop.names {
                switch drop.kind {
                case .table: tables[name] = nil
                case .index: indexes[name] = nil
                case .type: types[name] = nil
                case .sequence: sequences[name] = nil
                default: break
                }
            }
        case .addColumn(let table, let column):
            tables[table, default: Table(createdIn: 0)].columns[column.name] = Column(
                type: column.type, notNull: column.notNull || column.primaryKey,
                hasDefault: column.defaultValue != nil || column.generated != nil || column.isSerial, createdIn: run)
        case .dropColumn(let table, let column, _):
            tables[table]?.columns[column] = nil
        case .alterColumnType(let table, let column, let type):
            tables[table]?.columns[column]?.type = type
        case .setNotNull(let table, let column):
            tables[table]?.columns[column]?.notNull = true
        case .dropNotNull(let table, let column):
            tables[table]?.columns[column]?.notNull = false
        case .addConstraint(let table, let constraint):
            add(constraint, to: table, transaction: transaction)
        case .validateConstraint(let table, let name):
            constraints[TableReference(schema: table.schema, name: name)]?.validated = true
        case .rename(let rename):
            renamed(rename)
        case .addEnumValue(let type, let value):
            if let transaction { openEnumValues.append(EnumValue(type: type, value: value, transaction: transaction)) }
            types[type]?.enumValues?.append(value)
        }
    }

    private mutating func add(_ constraint: ConstraintDefinition, to table: TableReference, transaction: Int?) {
        guard let name = constraint.name else { return }
        constraints[TableReference(schema: table.schema, name: name)] = Constraint(
            table: table, kind: constraint.kind, validated: !constraint.notValid, createdIn: run,
            addedNotValidIn: constraint.notValid ? transaction : nil, columns: constraint.columns)
    }

    private mutating func renamed(_ rename: Rename) {
        let target = TableReference(schema: rename.from.schema, name: rename.to)
        switch rename.kind {
        case .table:
            guard let table = tables[rename.from] else { return }
            tables[rename.from] = nil
            tables[target] = table
            constraints.update { if $0.table.matches(rename.from) { $0.table = target } }
            indexes.update { if $0.table.matches(rename.from) { $0.table = target } }
        case .column:
            guard let owner = rename.owner, let column = tables[owner]?.columns[rename.from.name] else { return }
            tables[owner]?.columns[rename.from.name] = nil
            tables[owner]?.columns[rename.to] = column
        case .type:
            renamedTypes.append((rename.from.name, rename.to))
            guard let type = types[rename.from] else { return }
            types[rename.from] = nil
            types[target] = type
        case .index:
            guard let index = indexes[rename.from] else { return }
            indexes[rename.from] = nil
            indexes[target] = index
        default:
            break
        }
    }
}

/// Objects by name, where a lookup without a schema finds the name in any schema.
struct NamedObjects<Value: Sendable>: Sendable {
    private var byName: [String: [(schema: String?, value: Value)]] = [:]

    subscript(reference: TableReference) -> Value? {
        get {
            guard let entries = byName[reference.name] else { return nil }
            return (entries.first { $0.schema == reference.schema } ?? entries.first {
                reference.schema == nil || $0.schema == nil
            })?.value
        }
        set {
            var entries = byName[reference.name] ?? []
            let index = entries.firstIndex { $0.schema == reference.schema }
                ?? entries.firstIndex { reference.schema == nil || $0.schema == nil }
            switch (index, newValue) {
            case (let index?, let value?): entries[index] = (entries[index].schema ?? reference.schema, value)
            case (let index?, nil): entries.remove(at: index)
            case (nil, let value?): entries.append((reference.schema, value))
            case (nil, nil): break
            }
            byName[reference.name] = entries.isEmpty ? nil : entries
        }
    }

    subscript(reference: TableReference, default value: @autoclosure () -> Value) -> Value {
        get { self[reference] ?? value() }
        set { self[reference] = newValue }
    }

    var values: [Value] { byName.values.flatMap { $0.map(\.value) } }

    var entries: [(name: String, value: Value)] {
        byName.flatMap { name, entries in entries.map { (name, $0.value) } }
    }

    mutating func update(_ change: (inout Value) -> Void) {
        for key in byName.keys {
            for index in byName[key]!.indices { change(&byName[key]![index].value) }
        }
    }
}
