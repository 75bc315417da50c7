import CLibPQ
import Foundation
import Strata

/// Reads a libpq result (text format, as psql reads it) into ``DatabaseRow``s,
/// each value typed by its column's type.
enum ResultRows {
    // Type OIDs from PostgreSQL's pg_type.dat; they never change.
    private static let boolean: Oid = 16
    private static let integers: Set<Oid> = [20, 21, 23, 26, 28] // int8, int2, int4, oid, xid
    private static let reals: Set<Oid> = [700, 701] // float4, float8
    private static let timestamps: Set<Oid> = [1114, 1184] // timestamp, timestamptz
    private static let bytea: Oid = 17

    /// The rows of `result`; empty when it has none.
    ///
    /// - Parameter isoDates: whether the session writes dates in ISO style;
    ///   otherwise timestamps stay text.
    static func decode(_ result: OpaquePointer, isoDates: Bool, with pq: StrataLibPQ) -> [DatabaseRow] {
        let rowCount = pq.PQntuples(result)
        let columnCount = pq.PQnfields(result)
        guard rowCount > 0 else { return [] }
        let columns = (0..<columnCount).map { String(libpq: pq.PQfname(result, $0)) }
        let types = (0..<columnCount).map { pq.PQftype(result, $0) }
        var rows: [DatabaseRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [DatabaseValue] = []
            values.reserveCapacity(Int(columnCount))
            for column in 0..<columnCount {
                guard pq.PQgetisnull(result, row, column) == 0, let cell = pq.PQgetvalue(result, row, column) else {
                    values.append(.null)
                    continue
                }
                let text = String(cString: cell)
                values.append(value(text, type: types[Int(column)], isoDates: isoDates))
            }
            rows.append(DatabaseRow(columns: columns, values: values))
        }
        return rows
    }

    private static func value(_ text: String, type: Oid, isoDates: Bool) -> DatabaseValue {
        if type == boolean { return .boolean(text == "t") }
        if integers.contains(type), let value = Int64(text) { return .integer(value) }
        if reals.contains(type), let value = Double(text) { return .real(value) }
        if isoDates, timestamps.contains(type), let date = Timestamp.parse(text) { return .timestamp(date) }
        if type == bytea, let bytes = hexBytes(text) { return .blob(bytes) }
        return .text(text)
    }

    /// `bytea`'s hex output (`\x0a1b...`, the server's default `bytea_output`).
    private static func hexBytes(_ text: String) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count >= 2, digits[0] == UInt8(ascii: "\\"), digits[1] == UInt8(ascii: "x"), digits.count % 2 == 0 else { return nil }
        func nibble(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: nil
            }
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2 - 1)
        var index = 2
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }
}
