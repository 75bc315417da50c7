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
        Self.defaultTypes[provider]?[scalar] ?? scalar.uppercased()
    }

    /// The column type of each scalar without `@db.*`, per provider: read
    /// one way by the conversion, the other way by ``PrismaSchemaWriter``.
    static let defaultTypes: [Provider: [String: String]] = [
        .postgresql: [
            "String": "TEXT", "Int": "INTEGER", "BigInt": "BIGINT", "Float": "DOUBLE PRECISION", "Decimal": "DECIMAL(65,30)",
            "Boolean": "BOOLEAN", "DateTime": "TIMESTAMP(3)", "Json": "JSONB", "Bytes": "BYTEA",
        ],
        .sqlite: [
            "String": "TEXT", "Int": "INTEGER", "BigInt": "BIGINT", "Float": "REAL", "Decimal": "DECIMAL",
            "Boolean": "BOOLEAN", "DateTime": "DATETIME", "Json": "JSONB", "Bytes": "BLOB",
        ],
    ]

    /// A PostgreSQL native type: the scalars it fits (the usual one first),
    /// the SQL it writes, and how many arguments it takes.
    struct NativeType {
        var scalars: [String]
        var sql: String
        var arguments: ClosedRange<Int>
    }

    /// PostgreSQL's native types by the attribute's name after `db.`.
    static let postgresNativeTypes: [String: NativeType] = [
        "Text": NativeType(scalars: ["String"], sql: "TEXT", arguments: 0...0),
        "VarChar": NativeType(scalars: ["String"], sql: "VARCHAR", arguments: 0...1),
        "Char": NativeType(scalars: ["String"], sql: "CHAR", arguments: 0...1),
        "Uuid": NativeType(scalars: ["String"], sql: "UUID", arguments: 0...0),
        "Citext": NativeType(scalars: ["String"], sql: "CITEXT", arguments: 0...0),
        "Inet": NativeType(scalars: ["String"], sql: "INET", arguments: 0...0),
        "Xml": NativeType(scalars: ["String"], sql: "XML", arguments: 0...0),
        "Bit": NativeType(scalars: ["String"], sql: "BIT", arguments: 0...1),
        "VarBit": NativeType(scalars: ["String"], sql: "VARBIT", arguments: 0...1),
        "Integer": NativeType(scalars: ["Int"], sql: "INTEGER", arguments: 0...0),
        "SmallInt": NativeType(scalars: ["Int"], sql: "SMALLINT", arguments: 0...0),
        "Oid": NativeType(scalars: ["Int"], sql: "OID", arguments: 0...0),
        "BigInt": NativeType(scalars: ["BigInt"], sql: "BIGINT", arguments: 0...0),
        "Real": NativeType(scalars: ["Float"], sql: "REAL", arguments: 0...0),
        "DoublePrecision": NativeType(scalars: ["Float"], sql: "DOUBLE PRECISION", arguments: 0...0),
        "Decimal": NativeType(scalars: ["Decimal", "Float"], sql: "DECIMAL", arguments: 0...2),
        "Money": NativeType(scalars: ["Decimal"], sql: "MONEY", arguments: 0...0),
        "Boolean": NativeType(scalars: ["Boolean"], sql: "BOOLEAN", arguments: 0...0),
        "Timestamp": NativeType(scalars: ["DateTime"], sql: "TIMESTAMP", arguments: 0...1),
        "Timestamptz": NativeType(scalars: ["DateTime"], sql: "TIMESTAMPTZ", arguments: 0...1),
        "Date": NativeType(scalars: ["DateTime"], sql: "DATE", arguments: 0...0),
        "Time": NativeType(scalars: ["DateTime"], sql: "TIME", arguments: 0...1),
        "Timetz": NativeType(scalars: ["DateTime"], sql: "TIMETZ", arguments: 0...1),
        "Json": NativeType(scalars: ["Json"], sql: "JSON", arguments: 0...0),
        "JsonB": NativeType(scalars: ["Json"], sql: "JSONB", arguments: 0...0),
        "ByteA": NativeType(scalars: ["Bytes"], sql: "BYTEA", arguments: 0...0),
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
            let fits = native.scalars.joined(separator: " or ")
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
