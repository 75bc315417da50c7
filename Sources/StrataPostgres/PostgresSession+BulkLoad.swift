import Strata

/// Bulk loads stream `COPY ... FROM STDIN` in text format, encoded straight
/// into a buffer sent in large chunks.
extension PostgresSession: BulkLoading {
    func bulkLoad(
        into table: TableReference, columns: [String], count: Int,
        row: @escaping @Sendable (Int, inout [DatabaseValue]) -> Void
    ) async throws -> Int {
        let sql = "COPY \(dialect.qualified(table)) (\(columns.map(dialect.quoteIdentifier).joined(separator: ", "))) FROM STDIN"
        let width = columns.count
        return try await copyIn(sql) { writer in
            var encoder = CopyTextEncoder()
            var values = [DatabaseValue](repeating: .null, count: width)
            for index in 0..<count {
                row(index, &values)
                encoder.append(row: values)
                if encoder.buffer.count >= 1 << 18 {
                    try writer.write(encoder.buffer)
                    encoder.buffer.removeAll(keepingCapacity: true)
                }
            }
            try writer.write(encoder.buffer)
        }
    }
}

/// `COPY`'s text format: tab between columns, newline after each row, `\N`
/// for NULL, and backslash escapes for the characters that would end a value.
struct CopyTextEncoder {
    var buffer: [UInt8] = []

    init() {
        buffer.reserveCapacity(1 << 18 + 4096)
    }

    mutating func append(row values: [DatabaseValue]) {
        for (index, value) in values.enumerated() {
            if index > 0 { buffer.append(0x09) }
            append(value)
        }
        buffer.append(0x0a)
    }

    private mutating func append(_ value: DatabaseValue) {
        switch value {
        case .null: buffer += [0x5c, 0x4e]
        case .integer(let number): buffer += String(number).utf8
        case .real(let number): buffer += String(number).utf8
        case .boolean(let flag): buffer.append(flag ? 0x74 : 0x66)
        case .timestamp(let date): appendEscaped(Timestamp.formatWithZone(date))
        case .text(let text): appendEscaped(text)
        case .blob(let bytes):
            // bytea's hex input, its backslash escaped for COPY: \\x0a1b...
            buffer += [0x5c, 0x5c, 0x78]
            let digits = Array("0123456789abcdef".utf8)
            for byte in bytes {
                buffer.append(digits[Int(byte >> 4)])
                buffer.append(digits[Int(byte & 0x0f)])
            }
        }
    }

    private mutating func appendEscaped(_ text: String) {
        for byte in text.utf8 {
            switch byte {
            case 0x5c: buffer += [0x5c, 0x5c]
            case 0x09: buffer += [0x5c, 0x74]
            case 0x0a: buffer += [0x5c, 0x6e]
            case 0x0d: buffer += [0x5c, 0x72]
            default: buffer.append(byte)
            }
        }
    }
}
