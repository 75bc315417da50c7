import Foundation

/// A row's key as the data history stores it: JSON, each value tagged
/// with its kind so that it binds back exactly (an integer stays an
/// integer, bytes stay bytes; PostgreSQL's keys are read as text, see
/// ``SQLSpelling/exactValueSQL(_:)``).
///
/// `[{"integer":42}]`, `[{"text":"2024-01-15 12:00:00.123456+00"},{"blob":"00ff"}]`
struct BackfillKey: Sendable, Equatable {
    var values: [DatabaseValue]

    /// The stored form.
    var json: String {
        let tagged = values.map(Tagged.init)
        let data = (try? JSONEncoder().encode(tagged)) ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads a stored key; `nil` when the text is not one.
    init?(json: String) {
        guard let tagged = try? JSONDecoder().decode([Tagged].self, from: Data(json.utf8)) else { return nil }
        values = tagged.map(\.value)
    }

    init(values: [DatabaseValue]) {
        self.values = values
    }

    /// How the key reads in a message: `42`, `(7, 5aa1fa20-7139-4a33-8c78-0ad08f9491a0)`.
    var description: String {
        let shown = values.map { value -> String in
            switch value {
            case .blob(let bytes): "\\x" + Self.hex(bytes)
            case .null: "NULL"
            default: value.string ?? ""
            }
        }
        return shown.count == 1 ? shown[0] : "(" + shown.joined(separator: ", ") + ")"
    }

    /// Lower-case hex, two digits a byte.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private struct Tagged: Codable {
        var value: DatabaseValue

        init(_ value: DatabaseValue) { self.value = value }

        private enum Kind: String, CodingKey { case null, integer, real, text, boolean, blob }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Kind.self)
            switch value {
            case .null: try container.encodeNil(forKey: .null)
            case .integer(let number): try container.encode(number, forKey: .integer)
            case .real(let number): try container.encode(number, forKey: .real)
            case .text(let text): try container.encode(text, forKey: .text)
            case .boolean(let flag): try container.encode(flag, forKey: .boolean)
            case .timestamp(let date): try container.encode(Timestamp.formatMicroseconds(date), forKey: .text)
            case .blob(let bytes): try container.encode(BackfillKey.hex(bytes), forKey: .blob)
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Kind.self)
            guard let kind = container.allKeys.first else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "an untagged key value"))
            }
            switch kind {
            case .null: value = .null
            case .integer: value = .integer(try container.decode(Int64.self, forKey: .integer))
            case .real: value = .real(try container.decode(Double.self, forKey: .real))
            case .text: value = .text(try container.decode(String.self, forKey: .text))
            case .boolean: value = .boolean(try container.decode(Bool.self, forKey: .boolean))
            case .blob:
                let hex = try container.decode(String.self, forKey: .blob)
                guard let bytes = Self.bytes(hex: hex) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: [Kind.blob], debugDescription: "not hex: \(hex)"))
                }
                value = .blob(bytes)
            }
        }

        private static func bytes(hex: String) -> [UInt8]? {
            let digits = Array(hex.utf8)
            guard digits.count.isMultiple(of: 2) else { return nil }
            var bytes: [UInt8] = []
            bytes.reserveCapacity(digits.count / 2)
            var index = 0
            while index < digits.count {
                guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
                bytes.append(high << 4 | low)
                index += 2
            }
            return bytes
        }

        private static func nibble(_ digit: UInt8) -> UInt8? {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
            default: nil
            }
        }
    }
}
