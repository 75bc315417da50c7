/// A table: its columns in order, its keys, constraints and indexes.
public struct Table: Sendable, Equatable {
    public var name: QualifiedName
    public var columns: [Column]
    public var primaryKey: PrimaryKey?
    public var uniqueConstraints: [UniqueConstraint]
    public var foreignKeys: [ForeignKey]
    public var checks: [CheckConstraint]
    public var indexes: [TableIndex]
    public var comment: String?

    public init(
        name: QualifiedName, columns: [Column] = [], primaryKey: PrimaryKey? = nil,
        uniqueConstraints: [UniqueConstraint] = [], foreignKeys: [ForeignKey] = [], checks: [CheckConstraint] = [],
        indexes: [TableIndex] = [], comment: String? = nil
    ) {
        self.name = name
        self.columns = columns
        self.primaryKey = primaryKey
        self.uniqueConstraints = uniqueConstraints
        self.foreignKeys = foreignKeys
        self.checks = checks
        self.indexes = indexes
        self.comment = comment
    }

    /// The column called `name`.
    public func column(_ name: String) -> Column? { columns.first { $0.name == name } }
}

/// `PRIMARY KEY (columns)`, named as the database names it (`User_pkey`).
public struct PrimaryKey: Sendable, Equatable {
    public var name: String?
    public var columns: [String]

    public init(name: String? = nil, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// A `UNIQUE` constraint (a unique index is a ``TableIndex`` with `isUnique`).
public struct UniqueConstraint: Sendable, Equatable {
    public var name: String
    public var columns: [String]

    public init(name: String, columns: [String]) {
        self.name = name
        self.columns = columns
    }
}

/// `FOREIGN KEY (columns) REFERENCES table (columns)`.
public struct ForeignKey: Sendable, Equatable {
    /// What happens to the referencing rows when the referenced row goes or changes.
    public enum Action: String, Sendable, Equatable, CaseIterable {
        case noAction = "NO ACTION"
        case restrict = "RESTRICT"
        case cascade = "CASCADE"
        case setNull = "SET NULL"
        case setDefault = "SET DEFAULT"
    }

    public var name: String
    public var columns: [String]
    public var referencedTable: QualifiedName
    public var referencedColumns: [String]
    public var onDelete: Action
    public var onUpdate: Action
    public var isDeferrable: Bool
    public var isInitiallyDeferred: Bool

    public init(
        name: String, columns: [String], referencedTable: QualifiedName, referencedColumns: [String],
        onDelete: Action = .noAction, onUpdate: Action = .noAction, isDeferrable: Bool = false, isInitiallyDeferred: Bool = false
    ) {
        self.name = name
        self.columns = columns
        self.referencedTable = referencedTable
        self.referencedColumns = referencedColumns
        self.onDelete = onDelete
        self.onUpdate = onUpdate
        self.isDeferrable = isDeferrable
        self.isInitiallyDeferred = isInitiallyDeferred
    }
}

/// `CHECK (expression)`, the expression as the database prints it.
public struct CheckConstraint: Sendable, Equatable {
    public var name: String
    public var expression: String

    public init(name: String, expression: String) {
        self.name = name
        self.expression = expression
    }
}

/// `CREATE [UNIQUE] INDEX name ON table USING method (parts) WHERE predicate`.
public struct TableIndex: Sendable, Equatable {
    /// One indexed column or expression.
    public struct Part: Sendable, Equatable {
        public enum Order: String, Sendable, Equatable {
            case ascending = "ASC"
            case descending = "DESC"
        }

        /// A column's name, or (with `isExpression`) an expression as the database prints it.
        public var value: String
        public var isExpression: Bool
        public var order: Order
        /// `NULLS FIRST` / `NULLS LAST` when not the order's default.
        public var nullsFirst: Bool?
        /// An operator class, e.g. `jsonb_path_ops`.
        public var operatorClass: String?
        public var collation: String?

        public init(
            column: String, order: Order = .ascending, nullsFirst: Bool? = nil, operatorClass: String? = nil,
            collation: String? = nil
        ) {
            self.value = column
            self.isExpression = false
            self.order = order
            self.nullsFirst = nullsFirst
            self.operatorClass = operatorClass
            self.collation = collation
        }

        public init(expression: String, order: Order = .ascending, operatorClass: String? = nil) {
            self.value = expression
            self.isExpression = true
            self.order = order
            self.operatorClass = operatorClass
        }
    }

    public var name: String
    public var parts: [Part]
    public var isUnique: Bool
    /// `btree`, `gin`, `gist`, `hash`, `brin`, `spgist`; `nil` is the database's default.
    public var method: String?
    /// A partial index's `WHERE`, as the database prints it.
    public var predicate: String?

    public init(name: String, parts: [Part], isUnique: Bool = false, method: String? = nil, predicate: String? = nil) {
        self.name = name
        self.parts = parts
        self.isUnique = isUnique
        self.method = method
        self.predicate = predicate
    }

    /// An index on plain columns, in order.
    public init(name: String, columns: [String], isUnique: Bool = false) {
        self.init(name: name, parts: columns.map { Part(column: $0) }, isUnique: isUnique)
    }
}
