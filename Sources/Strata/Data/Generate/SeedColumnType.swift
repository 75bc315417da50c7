import Foundation

/// A column's type as the generator sees it: a family of values and its
/// limits, read from the type's spelling on PostgreSQL (`character
/// varying(80)`, `numeric(10,2)`, `timestamp(3) without time zone`) and
/// SQLite (declared types, by SQLite's affinity rules where they are not
/// names Strata knows).
struct SeedColumnType {
    enum Family: Equatable {
        case integer(ClosedRange<Int64>)
        case real
        case decimal(precision: Int?, scale: Int)
        case boolean
        /// Text, at most `length` characters when the type bounds it.
        case text(length: Int?)
        case uuid, timestamp, date, time, json, bytes, ipAddress, textArray
        case unsupported(String)
    }

    var family: Family
    /// An enum's values.
    var enumValues: [String]?

    init(_ type: ColumnType, enums: [EnumType]) {
        enumValues = nil
        switch type.base {
        case .userDefined(let name):
            if let found = enums.first(where: { $0.name == name || ($0.name.name == name.name && name.schema == nil) }), !type.isArray {
                family = .text(length: nil)
                enumValues = found.values
            } else {
                family = .unsupported(type.description)
            }
            return
        case .builtIn(let spelling):
            let lowered = spelling.lowercased()
            let base = lowered.split(separator: "(").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? lowered
            let modifiers = Self.modifiers(lowered)
            if type.isArray || lowered.hasSuffix("[]") {
                family = ["text", "character varying", "varchar"].contains(base.replacing("[]", with: "")) ? .textArray : .unsupported(spelling)
                return
            }
            family = Self.family(base: base, modifiers: modifiers, spelling: spelling)
        }
    }

    private static func family(base: String, modifiers: [Int], spelling: String) -> Family {
        switch base {
        case "smallint", "int2", "smallserial", "tinyint": return .integer(-32_768...32_767)
        case "integer", "int", "int4", "serial", "mediumint": return .integer(-2_147_483_648...2_147_483_647)
        case "bigint", "int8", "bigserial": return .integer(Int64.min...Int64.max)
        case "real", "float4", "double precision", "float8", "float", "double": return .real
        case "numeric", "decimal": return .decimal(precision: modifiers.first, scale: modifiers.count > 1 ? modifiers[1] : 0)
        case "money": return .decimal(precision: 12, scale: 2)
        case "boolean", "bool": return .boolean
        case "text", "citext", "name", "clob", "string", "nvarchar", "varchar", "character varying", "character", "char", "bpchar", "nchar":
            return .text(length: modifiers.first)
        case "uuid": return .uuid
        case "date": return .date
        case "json", "jsonb": return .json
        case "bytea", "blob": return .bytes
        case "inet", "cidr": return .ipAddress
        default: break
        }
        if base.hasPrefix("timestamp") || base.hasPrefix("datetime") { return .timestamp }
        if base.hasPrefix("time") { return .time }
        if base.hasPrefix("varchar") || base.hasPrefix("character varying") { return .text(length: modifiers.first) }
        // SQLite's affinity rules, for declared types it does not name exactly.
        let upper = base.uppercased()
        if upper.contains("INT") { return .integer(Int64.min...Int64.max) }
        if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") { return .text(length: modifiers.first) }
        if upper.contains("BLOB") { return .bytes }
        if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") { return .real }
        if upper.contains("BOOL") { return .boolean }
        if upper.contains("DATE") { return .timestamp }
        return .unsupported(spelling)
    }

    /// `(10,2)` in `numeric(10,2)`.
    private static func modifiers(_ spelling: String) -> [Int] {
        guard let open = spelling.firstIndex(of: "("), let close = spelling[open...].firstIndex(of: ")") else { return [] }
        return spelling[spelling.index(after: open)..<close].split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    }
}
