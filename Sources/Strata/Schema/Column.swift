/// A column: its type, nullability, default, and how it generates values.
public struct Column: Sendable, Equatable {
    public var name: String
    public var type: ColumnType
    public var isNullable: Bool
    public var defaultValue: ColumnDefault?
    /// `GENERATED ... AS IDENTITY`.
    public var identity: Identity?
    /// `GENERATED ALWAYS AS (expression) STORED`.
    public var generatedExpression: String?
    public var collation: String?
    public var comment: String?

    public init(
        name: String, type: ColumnType, isNullable: Bool = false, defaultValue: ColumnDefault? = nil,
        identity: Identity? = nil, generatedExpression: String? = nil, collation: String? = nil, comment: String? = nil
    ) {
        self.name = name
        self.type = type
        self.isNullable = isNullable
        self.defaultValue = defaultValue
        self.identity = identity
        self.generatedExpression = generatedExpression
        self.collation = collation
        self.comment = comment
    }

    /// `GENERATED ALWAYS` or `BY DEFAULT AS IDENTITY`.
    public enum Identity: String, Sendable, Equatable {
        case always = "ALWAYS"
        case byDefault = "BY DEFAULT"
    }
}

/// A column's type as the database spells it, normalised (`TEXT`,
/// `TIMESTAMP(3)`, `DECIMAL(65,30)`, `VARCHAR(255)`), or a user-defined
/// type (an enum) by name; `isArray` for PostgreSQL arrays.
public struct ColumnType: Sendable, Equatable, CustomStringConvertible {
    public enum Base: Sendable, Equatable {
        /// A built-in type, upper case with its modifiers: `INTEGER`, `VARCHAR(255)`.
        case builtIn(String)
        /// A type the schema defines (an enum).
        case userDefined(QualifiedName)
    }

    public var base: Base
    public var isArray: Bool

    public init(_ base: Base, isArray: Bool = false) {
        self.base = base
        self.isArray = isArray
    }

    /// A built-in type, e.g. `ColumnType.builtIn("TEXT")`.
    public static func builtIn(_ spelling: String, isArray: Bool = false) -> ColumnType {
        ColumnType(.builtIn(spelling), isArray: isArray)
    }

    public var description: String {
        let base = switch base {
        case .builtIn(let spelling): spelling
        case .userDefined(let name): name.description
        }
        return isArray ? base + "[]" : base
    }
}

/// What a column holds when an insert gives it nothing.
public enum ColumnDefault: Sendable, Equatable {
    /// An expression as the database prints it: `'USER'::"Role"`, `now()`, `0`.
    case expression(String)
    /// Numbered by a sequence the column owns (`SERIAL`, SQLite's `INTEGER PRIMARY KEY`).
    case autoincrement
}
