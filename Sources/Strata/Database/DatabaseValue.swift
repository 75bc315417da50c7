import Foundation

/// A single value read back from a database, in a form the engine can use
/// without knowing which database produced it.
public enum DatabaseValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case boolean(Bool)
    case timestamp(Date)
    /// Bytes: SQLite's BLOB, PostgreSQL's `bytea`.
    case blob([UInt8])

    /// The value as text, when it is text or can be shown as such.
    public var string: String? {
        switch self {
        case .null: nil
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .boolean(let value): value ? "true" : "false"
        case .timestamp(let value): Timestamp.format(value)
        case .blob: nil
        }
    }

    /// The value as bytes, when it is a blob (or text, as its UTF-8).
    public var bytes: [UInt8]? {
        switch self {
        case .blob(let value): value
        case .text(let value): Array(value.utf8)
        default: nil
        }
    }

    /// The value as an integer, when it is one (or text holding one).
    public var integer: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): Int64(exactly: value.rounded())
        case .text(let value): Int64(value)
        case .boolean(let value): value ? 1 : 0
        default: nil
        }
    }

    /// The value as a point in time. SQLite keeps timestamps as text or as
    /// milliseconds since 1970 (Prisma's choice); both are understood.
    public var timestamp: Date? {
        switch self {
        case .timestamp(let value): value
        case .text(let value): Timestamp.parse(value)
        case .integer(let milliseconds): Date(timeIntervalSince1970: Double(milliseconds) / 1000)
        case .real(let milliseconds): Date(timeIntervalSince1970: milliseconds / 1000)
        default: nil
        }
    }

    /// Whether the value is SQL `NULL`.
    public var isNull: Bool { self == .null }
}

/// One row of a query result: column names and their values, in order.
public struct DatabaseRow: Sendable {
    public let columns: [String]
    public let values: [DatabaseValue]

    public init(columns: [String], values: [DatabaseValue]) {
        precondition(columns.count == values.count, "a row has one value per column")
        self.columns = columns
        self.values = values
    }

    /// The value of the named column, or `.null` when the row has no such column.
    public subscript(column: String) -> DatabaseValue {
        guard let index = columns.firstIndex(of: column) else { return .null }
        return values[index]
    }
}
