/// The column types Prisma Migrate writes for a field: its scalar type's
/// default for the provider, or the `@db.*` native type it names, spelled
/// as Prisma spells them (`TEXT`, `TIMESTAMP(3)`, `DECIMAL(65,30)`), so a
/// project moving from Prisma keeps its database as it is.
public struct PrismaColumnTypes: Sendable {
    /// The databases a `datasource` can name.
    public enum Provider: String, Sendable, CaseIterable {
        case postgresql
        case sqlite
    }

    public var provider: Provider
    /// The schema's enums by name, with the database type each becomes (after `@@map`).
    public var enumTypes: [String: QualifiedName]

    public init(provider: Provider, enumTypes: [String: QualifiedName] = [:]) {
        self.provider = provider
        self.enumTypes = enumTypes
    }

    /// The scalar types of the schema language.
    public static let scalars: Set<String> = ["String", "Int", "BigInt", "Float", "Decimal", "Boolean", "DateTime", "Json", "Bytes"]

    /// The column type of `field`, in the file at `path`; `nil` when the
    /// field is no column (a relation to a model, a composite type).
    ///
    /// - Throws: ``PrismaSchemaError`` for a native type the provider lacks
    ///   or one that does not fit the field's scalar type.
    public func columnType(of field: PrismaField, path: String) throws -> ColumnType? {
        let type = field.type
        if let native = type.unsupported { return .builtIn(native, isArray: type.isList) }
        guard enumTypes[type.name] != nil || Self.scalars.contains(type.name) else { return nil }
        if provider == .sqlite, type.isList {
            throw PrismaSchemaError(
                path: path, location: type.location, problem: "SQLite has no lists: `\(field.name) \(type.name)[]` needs PostgreSQL",
                nextStep: "store the list as Json, or in a table of its own")
        }
        if let enumType = enumTypes[type.name] {
            // SQLite has no enum types: the values are text.
            return provider == .sqlite ? .builtIn("TEXT") : ColumnType(.userDefined(enumType), isArray: type.isList)
        }
        let spelling: String
        if let native = field.attributes.first(where: { $0.name.hasPrefix("db.") }) {
            spelling = try nativeType(native, scalar: type.name, path: path)
        } else {
            spelling = defaultType(of: type.name)
        }
        return .builtIn(spelling, isArray: type.isList)
    }

    /// What Prisma writes for a scalar without `@db.*`.
    public func defaultType(of scalar: String) -> String {
        switch (provider, scalar) {
        case (.postgresql, "String"): "TEXT"
        case (.postgresql, "Int"): "INTEGER"
        case (.postgresql, "BigInt"): "BIGINT"
        case (.postgresql, "Float"): "DOUBLE PRECISION"
        case (.postgresql, "Decimal"): "DECIMAL(65,30)"
        case (.postgresql, "Boolean"): "BOOLEAN"
        case (.postgresql, "DateTime"): "TIMESTAMP(3)"
        case (.postgresql, "Json"): "JSONB"
        case (.postgresql, "Bytes"): "BYTEA"
        case (.sqlite, "String"): "TEXT"
        case (.sqlite, "Int"): "INTEGER"
        case (.sqlite, "BigInt"): "BIGINT"
        case (.sqlite, "Float"): "REAL"
        case (.sqlite, "Decimal"): "DECIMAL"
        case (.sqlite, "Boolean"): "BOOLEAN"
        case (.sqlite, "DateTime"): "DATETIME"
        case (.sqlite, "Json"): "JSONB"
        case (.sqlite, "Bytes"): "BLOB"
        default: scalar.uppercased()
        }
    }

    /// PostgreSQL's native types: the attribute's name after `db.`, the
    /// scalars it fits, the SQL it writes, and how many arguments it takes.
    private static let postgresNativeTypes: [String: (scalars: Set<String>, sql: String, arguments: ClosedRange<Int>)] = [
        "Text": (["String"], "TEXT", 0...0),
        "VarChar": (["String"], "VARCHAR", 0...1),
        "Char": (["String"], "CHAR", 0...1),
        "Uuid": (["String"], "UUID", 0...0),
        "Citext": (["String"], "CITEXT", 0...0),
        "Inet": (["String"], "INET", 0...0),
        "Xml": (["String"], "XML", 0...0),
        "Bit": (["String"], "BIT", 0...1),
        "VarBit": (["String"], "VARBIT", 0...1),
        "Integer": (["Int"], "INTEGER", 0...0),
        "SmallInt": (["Int"], "SMALLINT", 0...0),
        "Oid": (["Int"], "OID", 0...0),
        "BigInt": (["BigInt"], "BIGINT", 0...0),
        "Real": (["Float"], "REAL", 0...0),
        "DoublePrecision": (["Float"], "DOUBLE PRECISION", 0...0),
        "Decimal": (["Decimal", "Float"], "DECIMAL", 0...2),
        "Money": (["Decimal"], "MONEY", 0...0),
        "Boolean": (["Boolean"], "BOOLEAN", 0...0),
        "Timestamp": (["DateTime"], "TIMESTAMP", 0...1),
        "Timestamptz": (["DateTime"], "TIMESTAMPTZ", 0...1),
        "Date": (["DateTime"], "DATE", 0...0),
        "Time": (["DateTime"], "TIME", 0...1),
        "Timetz": (["DateTime"], "TIMETZ", 0...1),
        "Json": (["Json"], "JSON", 0...0),
        "JsonB": (["Json"], "JSONB", 0...0),
        "ByteA": (["Bytes"], "BYTEA", 0...0),
    ]

    private func nativeType(_ attribute: PrismaAttribute, scalar: String, path: String) throws -> String {
        let name = String(attribute.name.dropFirst(3))
        func failure(_ problem: String, nextStep: String) -> PrismaSchemaError {
            PrismaSchemaError(path: path, location: attribute.location, problem: problem, nextStep: nextStep)
        }
        guard provider == .postgresql else {
            throw failure("SQLite has no native types: `@\(attribute.name)` cannot be used", nextStep: "remove `@\(attribute.name)`")
        }
        guard let native = Self.postgresNativeTypes[name] else {
            let known = Self.postgresNativeTypes.keys.sorted().map { "@db.\($0)" }.joined(separator: ", ")
            throw failure("`@\(attribute.name)` is not a PostgreSQL native type", nextStep: "use one of \(known)")
        }
        guard native.scalars.contains(scalar) else {
            let fits = native.scalars.sorted().joined(separator: " or ")
            throw failure("`@\(attribute.name)` is for \(fits) fields, not \(scalar)", nextStep: "change the field's type or the native type")
        }
        var numbers: [String] = []
        for argument in attribute.arguments {
            guard case .number(let number) = argument.value, Int(number) != nil else {
                throw failure("`@\(attribute.name)` takes whole numbers", nextStep: "write it as `@\(attribute.name)(10)`")
            }
            numbers.append(number)
        }
        guard native.arguments.contains(numbers.count) else {
            throw failure(
                "`@\(attribute.name)` takes \(native.arguments.upperBound == 0 ? "no arguments" : "at most \(native.arguments.upperBound)")",
                nextStep: "write it as `@\(attribute.name)` with \(native.arguments.upperBound == 0 ? "no parentheses" : "fewer arguments")")
        }
        return numbers.isEmpty ? native.sql : "\(native.sql)(\(numbers.joined(separator: ",")))"
    }
}
