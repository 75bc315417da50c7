/// One change a statement makes, in terms every dialect shares.
public enum SchemaAction: Sendable, Equatable {
    case createTable(TableCreation)
    case createIndex(IndexBuild)
    /// `CREATE TYPE`; `enumValues` for an enum.
    case createType(TableReference, enumValues: [String]?)
    /// Another object made: a sequence, view, schema, function, extension, trigger.
    case create(ObjectKind, TableReference)
    case drop(ObjectDrop)
    case addColumn(table: TableReference, ColumnDefinition)
    case dropColumn(table: TableReference, column: String, cascade: Bool)
    case alterColumnType(table: TableReference, column: String, to: TypeName)
    case setNotNull(table: TableReference, column: String)
    case dropNotNull(table: TableReference, column: String)
    case setDefault(table: TableReference, column: String, DefaultValue)
    case dropDefault(table: TableReference, column: String)
    case addConstraint(table: TableReference, ConstraintDefinition)
    case validateConstraint(table: TableReference, name: String)
    case dropConstraint(table: TableReference, name: String, cascade: Bool)
    case rename(Rename)
    case addEnumValue(type: TableReference, value: String)
    case truncate([TableReference], cascade: Bool)
    /// `UPDATE`; `filtered` when it has a `WHERE`.
    case update(TableReference, filtered: Bool)
    /// `DELETE`; `filtered` when it has a `WHERE`.
    case delete(TableReference, filtered: Bool)
    /// `INSERT ... SELECT` from another table (a copy, e.g. a table rebuild's).
    case copyRows(into: TableReference, from: TableReference, columns: [String])
    case reindex(ObjectKind, TableReference, concurrently: Bool)
    case vacuumFull([TableReference])
    case cluster(TableReference?)
    case lockTable([TableReference], LockMode)
    case setTablespace(TableReference)
    case detachPartition(table: TableReference, partition: TableReference, concurrently: Bool)
    case refreshMaterializedView(TableReference, concurrently: Bool)
    /// `SET name = value` (`local`: `SET LOCAL`, for the transaction only); `value` nil for `RESET`/`DEFAULT`.
    case setting(name: String, value: String?, local: Bool)
}

/// Which case of ``SchemaAction`` an action is, for rules that name what they look at.
public enum ActionKind: Sendable, Hashable {
    case createTable, createIndex, createType, create, drop, addColumn, dropColumn, alterColumnType, setNotNull, dropNotNull
    case setDefault, dropDefault, addConstraint, validateConstraint, dropConstraint, rename, addEnumValue, truncate, update, delete
    case copyRows, reindex, vacuumFull, cluster, lockTable, setTablespace, detachPartition, refreshMaterializedView, setting
}

extension SchemaAction {
    public var kind: ActionKind {
        switch self {
        case .createTable: .createTable
        case .createIndex: .createIndex
        case .createType: .createType
        case .create: .create
        case .drop: .drop
        case .addColumn: .addColumn
        case .dropColumn: .dropColumn
        case .alterColumnType: .alterColumnType
        case .setNotNull: .setNotNull
        case .dropNotNull: .dropNotNull
        case .setDefault: .setDefault
        case .dropDefault: .dropDefault
        case .addConstraint: .addConstraint
        case .validateConstraint: .validateConstraint
        case .dropConstraint: .dropConstraint
        case .rename: .rename
        case .addEnumValue: .addEnumValue
        case .truncate: .truncate
        case .update: .update
        case .delete: .delete
        case .copyRows: .copyRows
        case .reindex: .reindex
        case .vacuumFull: .vacuumFull
        case .cluster: .cluster
        case .lockTable: .lockTable
        case .setTablespace: .setTablespace
        case .detachPartition: .detachPartition
        case .refreshMaterializedView: .refreshMaterializedView
        case .setting: .setting
        }
    }
}

/// The kinds of object a statement can create, drop or rename.
public enum ObjectKind: String, Sendable, Equatable {
    case table, column, view, materializedView = "materialized view", index, sequence, type, schema, database
    case function, `extension`, trigger, constraint, enumValue = "enum value", domain, policy, other = "object"
}

/// `CREATE TABLE`, with what it declares.
public struct TableCreation: Sendable, Equatable {
    public var table: TableReference
    public var columns: [ColumnDefinition]
    public var constraints: [ConstraintDefinition]
    /// `CREATE TABLE ... AS` / `SELECT INTO`: filled from a query.
    public var fromQuery: Bool

    public init(table: TableReference, columns: [ColumnDefinition] = [], constraints: [ConstraintDefinition] = [], fromQuery: Bool = false) {
        self.table = table
        self.columns = columns
        self.constraints = constraints
        self.fromQuery = fromQuery
    }
}

/// `CREATE INDEX`.
public struct IndexBuild: Sendable, Equatable {
    public var name: String?
    public var table: TableReference
    public var columns: [String]
    public var unique: Bool
    public var concurrently: Bool

    public init(name: String?, table: TableReference, columns: [String] = [], unique: Bool = false, concurrently: Bool = false) {
        self.name = name
        self.table = table
        self.columns = columns
        self.unique = unique
        self.concurrently = concurrently
    }
}

/// `DROP kind names [CASCADE]`.
public struct ObjectDrop: Sendable, Equatable {
    public var kind: ObjectKind
    public var names: [TableReference]
    public var cascade: Bool
    public var concurrently: Bool

    public init(kind: ObjectKind, names: [TableReference], cascade: Bool = false, concurrently: Bool = false) {
        self.kind = kind
        self.names = names
        self.cascade = cascade
        self.concurrently = concurrently
    }
}

/// A rename of a table, column, type, enum value or another object.
public struct Rename: Sendable, Equatable {
    public var kind: ObjectKind
    /// The table a column or constraint belongs to, the type an enum value belongs to.
    public var owner: TableReference?
    public var from: TableReference
    public var to: String

    public init(kind: ObjectKind, owner: TableReference? = nil, from: TableReference, to: String) {
        self.kind = kind
        self.owner = owner
        self.from = from
        self.to = to
    }
}

/// A column as `CREATE TABLE` or `ADD COLUMN` declares it.
public struct ColumnDefinition: Sendable, Equatable {
    public var name: String
    public var type: TypeName?
    public var notNull: Bool
    public var primaryKey: Bool
    public var unique: Bool
    public var defaultValue: DefaultValue?
    public var generated: Generation?
    /// The table an inline `REFERENCES` points at.
    public var references: TableReference?

    public init(
        name: String, type: TypeName?, notNull: Bool = false, primaryKey: Bool = false, unique: Bool = false,
        defaultValue: DefaultValue? = nil, generated: Generation? = nil, references: TableReference? = nil
    ) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.primaryKey = primaryKey
        self.unique = unique
        self.defaultValue = defaultValue
        self.generated = generated
        self.references = references
    }

    /// How a column fills itself, beyond a default.
    public enum Generation: String, Sendable, Equatable {
        case identity, stored
    }

    /// Whether its type is a `serial` (an integer whose default is a sequence's `nextval`).
    public var isSerial: Bool { type?.isSerial ?? false }
}

/// A column type as written, with its modifiers: `varchar(255)` is `varchar` with `[255]`.
public struct TypeName: Sendable, Equatable, CustomStringConvertible {
    /// The type's name as the database knows it, lower-cased (`int4`, `varchar`, `timestamptz`, a user type's name).
    public var name: String
    public var schema: String?
    public var modifiers: [Int]
    public var isArray: Bool
    /// The name as SQL spells it for people (`bigint` for `int8`), when it differs.
    public var spelling: String?

    public init(name: String, schema: String? = nil, modifiers: [Int] = [], isArray: Bool = false, spelling: String? = nil) {
        self.name = name
        self.schema = schema
        self.modifiers = modifiers
        self.isArray = isArray
        self.spelling = spelling
    }

    public static func == (left: Self, right: Self) -> Bool {
        (left.name, left.schema, left.modifiers, left.isArray) == (right.name, right.schema, right.modifiers, right.isArray)
    }

    public var description: String {
        (spelling ?? name) + (modifiers.isEmpty ? "" : "(" + modifiers.map(String.init).joined(separator: ",") + ")") + (isArray ? "[]" : "")
    }

    public var isSerial: Bool { ["serial", "serial2", "serial4", "serial8", "smallserial", "bigserial"].contains(name) && !isArray }
}

/// A default value, judged by whether the database must compute it per row.
public struct DefaultValue: Sendable, Equatable {
    public var volatility: Volatility
    /// The function that decides it, e.g. `gen_random_uuid`.
    public var function: String?

    public init(_ volatility: Volatility, function: String? = nil) {
        self.volatility = volatility
        self.function = function
    }

    public enum Volatility: String, Sendable, Equatable {
        /// A constant, or a function that gives the same value for every row of a statement (`now()`).
        case constant
        /// A new value per row (`gen_random_uuid()`, `random()`, `nextval()`, `clock_timestamp()`).
        case volatile
        /// A function the parser alone cannot judge.
        case unknown
    }
}

/// A constraint as `CREATE TABLE` or `ADD CONSTRAINT` declares it.
public struct ConstraintDefinition: Sendable, Equatable {
    public var name: String?
    public var kind: Kind
    public var columns: [String]
    /// `NOT VALID`: existing rows are not checked now.
    public var notValid: Bool
    /// `USING INDEX name`: built on an existing index.
    public var usingIndex: String?

    public init(name: String?, kind: Kind, columns: [String] = [], notValid: Bool = false, usingIndex: String? = nil) {
        self.name = name
        self.kind = kind
        self.columns = columns
        self.notValid = notValid
        self.usingIndex = usingIndex
    }

    public enum Kind: Sendable, Equatable {
        case primaryKey
        case unique
        case foreignKey(references: TableReference)
        /// A check; `notNullColumn` when it is exactly `column IS NOT NULL`.
        case check(notNullColumn: String?)
        case exclusion
    }
}
