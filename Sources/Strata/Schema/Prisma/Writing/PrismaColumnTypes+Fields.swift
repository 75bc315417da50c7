import Foundation

/// The other direction of ``PrismaColumnTypes``: the field type that
/// gives a column type, read from the same tables.
extension PrismaColumnTypes {
    /// A scalar and the `@db.*` attribute it needs (`nil`: the scalar's default type).
    struct FieldType: Equatable {
        var scalar: String
        var native: String?
    }

    /// The Prisma type of a built-in column type: the scalar whose default
    /// it is (`TIMESTAMP(3)` → `DateTime`), else the native type's scalar
    /// (`VARCHAR(255)` → `String @db.VarChar(255)`); `nil` when Prisma has
    /// none, which the writer spells `Unsupported("...")`.
    func fieldType(of spelling: String) -> FieldType? {
        if let scalar = Self.defaultTypes[provider]?.first(where: { $0.value == spelling })?.key {
            return FieldType(scalar: scalar)
        }
        let (base, arguments) = Self.split(spelling)
        switch provider {
        case .postgresql:
            guard let (name, native) = Self.postgresNativeTypes.first(where: { $0.value.sql == base }),
                native.arguments.contains(arguments.count)
            else { return nil }
            let list = arguments.isEmpty ? "" : "(" + arguments.joined(separator: ", ") + ")"
            return FieldType(scalar: native.scalars[0], native: "db.\(name)\(list)")
        case .sqlite:
            return Self.sqliteScalars[base].map { FieldType(scalar: $0) }
        }
    }

    /// How Prisma's SQLite connector reads declared types it did not write
    /// itself (SQLite has no native types: the field is the scalar alone).
    private static let sqliteScalars: [String: String] = [
        "INT": "Int", "SMALLINT": "Int", "MEDIUMINT": "Int", "TINYINT": "Int", "INT8": "BigInt", "UNSIGNED BIG INT": "BigInt",
        "DOUBLE": "Float", "DOUBLE PRECISION": "Float", "FLOAT": "Float", "NUMERIC": "Decimal", "DECIMAL": "Decimal",
        "DATE": "DateTime", "TIMESTAMP": "DateTime", "VARCHAR": "String", "CHAR": "String", "CHARACTER": "String",
        "NCHAR": "String", "NVARCHAR": "String", "VARYING CHARACTER": "String", "NATIVE CHARACTER": "String", "CLOB": "String",
        "JSON": "Json",
    ]

    /// `VARCHAR(255)` → (`VARCHAR`, [`255`]); `DECIMAL(10,2)` → (`DECIMAL`, [`10`, `2`]).
    private static func split(_ spelling: String) -> (base: String, arguments: [String]) {
        guard let open = spelling.firstIndex(of: "("), spelling.hasSuffix(")") else { return (spelling, []) }
        let inside = spelling[spelling.index(after: open)..<spelling.index(before: spelling.endIndex)]
        let arguments = inside.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard arguments.allSatisfy({ Int($0) != nil }) else { return (spelling, []) }
        return (String(spelling[..<open]).trimmingCharacters(in: .whitespaces), arguments)
    }
}
