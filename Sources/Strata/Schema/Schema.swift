/// A database schema as plain values: what `schema.prisma`, SQL DDL or a
/// live database's catalog describe, in one shape the differ compares.
/// Names are the database's (after `@map`), types its spelling; nothing in
/// it belongs to one product.
public struct Schema: Sendable, Equatable {
    public var tables: [Table]
    public var enums: [EnumType]
    public var sequences: [DatabaseSequence]
    public var views: [DatabaseView]
    /// PostgreSQL extensions (`CREATE EXTENSION`).
    public var extensions: [DatabaseExtension]
    /// Triggers, as SQLite keeps them (PostgreSQL's are not read: they call functions the model has no place for).
    public var triggers: [DatabaseTrigger]

    public init(
        tables: [Table] = [], enums: [EnumType] = [], sequences: [DatabaseSequence] = [], views: [DatabaseView] = [],
        extensions: [DatabaseExtension] = [], triggers: [DatabaseTrigger] = []
    ) {
        self.tables = tables
        self.enums = enums
        self.sequences = sequences
        self.views = views
        self.extensions = extensions
        self.triggers = triggers
    }

    /// The table called `name`.
    public func table(_ name: QualifiedName) -> Table? { tables.first { $0.name == name } }
}

/// A name, with its schema where the database has schemas (`nil`: the default one).
public struct QualifiedName: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var schema: String?
    public var name: String

    public init(schema: String? = nil, _ name: String) {
        self.schema = schema
        self.name = name
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }

    public static func < (left: Self, right: Self) -> Bool {
        (left.schema ?? "", left.name) < (right.schema ?? "", right.name)
    }
}

/// `CREATE TYPE ... AS ENUM`: its values in order.
public struct EnumType: Sendable, Equatable {
    public var name: QualifiedName
    public var values: [String]
    public var comment: String?

    public init(name: QualifiedName, values: [String], comment: String? = nil) {
        self.name = name
        self.values = values
        self.comment = comment
    }
}

/// A sequence not owned by a column (an owned one is its column's `autoincrement`).
public struct DatabaseSequence: Sendable, Equatable {
    public var name: QualifiedName
    public var start: Int64
    public var increment: Int64

    public init(name: QualifiedName, start: Int64 = 1, increment: Int64 = 1) {
        self.name = name
        self.start = start
        self.increment = increment
    }
}

/// A view, by its defining query as the database prints it.
public struct DatabaseView: Sendable, Equatable {
    public var name: QualifiedName
    public var definition: String
    public var isMaterialized: Bool

    public init(name: QualifiedName, definition: String, isMaterialized: Bool = false) {
        self.name = name
        self.definition = definition
        self.isMaterialized = isMaterialized
    }
}

/// `CREATE EXTENSION name [SCHEMA schema] [VERSION version]`.
public struct DatabaseExtension: Sendable, Equatable {
    public var name: String
    public var schema: String?
    public var version: String?

    public init(name: String, schema: String? = nil, version: String? = nil) {
        self.name = name
        self.schema = schema
        self.version = version
    }
}

/// A trigger, by its whole `CREATE TRIGGER` statement as the database keeps it.
public struct DatabaseTrigger: Sendable, Equatable {
    public var name: QualifiedName
    /// The table it fires on.
    public var table: QualifiedName
    public var definition: String

    public init(name: QualifiedName, table: QualifiedName, definition: String) {
        self.name = name
        self.table = table
        self.definition = definition
    }
}
