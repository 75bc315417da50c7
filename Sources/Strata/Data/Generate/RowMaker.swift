import Foundation

/// Makes the rows of one table fill, one at a time and in order, from a
/// random stream of the table's own: row `i` of a given seed and database
/// is the same on every run.
final class RowMaker: @unchecked Sendable {
    /// What the database holds that the rows depend on, read just before they are made.
    struct Context: Sendable {
        /// Rows the table had before: unique serials start after them.
        var existingRows: Int
        /// Per column of kind ``GeneratedValueKind/sequence``: the largest value there.
        var sequenceStarts: [Int: Int64]
        /// Per reference: the referenced rows' key values (shuffled when the reference is distinct or combined).
        var pools: [[[DatabaseValue]]]
        /// The time generated instants fall around.
        var reference: Date
    }

    private let fill: TableFill
    private let context: Context
    private var random: SeededRandom
    /// The stride through the combinations of a join table's keys (coprime with their count).
    private let combinationStride: Int
    private let combinationCount: Int
    private var chosen: [[DatabaseValue]?]
    /// The person the row's name and e-mail columns describe.
    private var persona: TextMaker.Persona

    init(fill: TableFill, context: Context, seed: UInt64) {
        self.fill = fill
        self.context = context
        // The rows already there are part of the stream's name: a second run on top of a first makes other values (other uuids).
        random = SeededRandom(seed: seed, label: "\(fill.name)#\(context.existingRows)")
        let combinedPools = fill.references.indices.filter { fill.references[$0].combined }.map { context.pools[$0].count }
        combinationCount = combinedPools.reduce(1) { $0.multipliedReportingOverflow(by: $1).overflow ? Int.max : $0 * $1 }
        combinationStride = Self.stride(coprimeWith: combinationCount)
        chosen = Array(repeating: nil, count: fill.references.count)
        persona = TextMaker.Persona(random: &random)
    }

    /// How many rows the combined references allow, for the refusal before anything is inserted.
    var combinationLimit: Int? { fill.references.contains(where: \.combined) ? combinationCount : nil }

    /// Writes row `index`'s values, in the fill's column order, into `values`.
    func row(_ index: Int, into values: inout [DatabaseValue]) {
        chooseReferences(index)
        persona = TextMaker.Persona(random: &random)
        for column in fill.order {
            values[column] = value(of: column, row: index, values: values)
        }
    }

    private func chooseReferences(_ index: Int) {
        var combination = (index &* combinationStride &+ context.existingRows) % max(combinationCount, 1)
        for (group, reference) in fill.references.enumerated() {
            let pool = context.pools[group]
            if reference.alwaysNull || pool.isEmpty || (reference.nullable && !reference.distinct && !reference.combined && random.chance(0.1)) {
                chosen[group] = nil
            } else if reference.distinct {
                chosen[group] = pool[index]
            } else if reference.combined {
                chosen[group] = pool[combination % pool.count]
                combination /= pool.count
            } else {
                chosen[group] = pool[random.below(pool.count)]
            }
        }
    }

    private func value(of index: Int, row: Int, values: [DatabaseValue]) -> DatabaseValue {
        let column = fill.columns[index]
        if case .reference(let group, let position) = column.kind { return chosen[group]?[position] ?? .null }
        if column.nullChance > 0, random.chance(column.nullChance) { return .null }
        let made = make(column.kind, column: index, row: row)
        guard let earlier = column.notBefore else { return made }
        return Self.notBefore(values[earlier], made, reference: context.reference, random: &random)
    }

    private func make(_ kind: GeneratedValueKind, column: Int, row: Int) -> DatabaseValue {
        let serial = context.existingRows + row + 1
        switch kind {
        case .integer(let range): return .integer(random.integer(in: range))
        case .sequence: return .integer((context.sequenceStarts[column] ?? 0) + Int64(row) + 1)
        case .real(let range): return .real((random.real(in: range) * 100).rounded() / 100)
        case .decimal(let range, let scale): return .text(Self.decimal(random.real(in: range), scale: scale))
        case .boolean(let chance): return .boolean(random.chance(chance))
        case .text(let style, let length, let unique):
            return .text(TextMaker.make(style, length: length, serial: unique ? serial : nil, persona: persona, random: &random))
        case .choice(let values, let usual):
            if let usual, random.chance(0.6) { return .text(usual) }
            return .text(random.pick(values))
        case .integerChoice(let values): return .integer(random.pick(values))
        case .uuid: return .text(Self.uuid(&random))
        case .timestamp(let style): return .timestamp(instant(style))
        case .date(let style): return .text(String(Timestamp.formatMicroseconds(instant(style)).prefix(10)))
        case .time: return .text(String(format: "%02d:%02d:00", random.below(24), random.below(60)))
        case .json:
            return .text("{\"\(random.pick(SampleVocabulary.words))\": \"\(random.pick(SampleVocabulary.words))\", \"count\": \(random.below(100))}")
        case .bytes: return .blob((0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) })
        case .ipAddress: return .text(TextMaker.ipAddress(&random))
        case .textArray: return .text("{" + (0..<random.below(4)).map { _ in random.pick(SampleVocabulary.words) }.joined(separator: ",") + "}")
        case .reference, .null: return .null
        }
    }

    /// An instant in whole seconds around the reference time.
    private func instant(_ style: TimeStyle) -> Date {
        let day = 86_400.0
        let offset = switch style {
        case .past: -random.real(in: 0...(3 * 365 * day))
        case .future: random.real(in: day...(365 * day))
        case .birth: -random.real(in: (18 * 365 * day)...(80 * 365 * day))
        }
        return Date(timeIntervalSince1970: (context.reference.timeIntervalSince1970 + offset).rounded(.down))
    }

    /// `value`, moved to after `earlier` when it fell before it (an update
    /// after its creation), and not past the reference time when `earlier` is not.
    private static func notBefore(_ earlier: DatabaseValue, _ value: DatabaseValue, reference: Date, random: inout SeededRandom) -> DatabaseValue {
        switch (earlier, value) {
        case (.timestamp(let start), .timestamp(let time)) where time < start:
            let room = start < reference ? min(90 * 86_400, reference.timeIntervalSince(start)) : 90 * 86_400
            return .timestamp(start.addingTimeInterval(random.real(in: 0...room).rounded(.down)))
        case (.integer(let start), .integer(let number)) where number < start:
            return .integer(start + Int64(random.below(100)))
        case (.real(let start), .real(let number)) where number < start:
            return .real(start + random.real(in: 0...100).rounded())
        case (.text(let start), .text(let date)) where date.count == 10 && date < start:
            return .text(start)
        default:
            return value
        }
    }

    private static func decimal(_ value: Double, scale: Int) -> String {
        String(format: "%.\(scale)f", value)
    }

    /// A version 4 UUID from the stream.
    private static func uuid(_ random: inout SeededRandom) -> String {
        var bytes = (0..<16).map { _ in UInt8(truncatingIfNeeded: random.next()) }
        bytes[6] = (bytes[6] & 0x0f) | 0x40
        bytes[8] = (bytes[8] & 0x3f) | 0x80
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if [4, 6, 8, 10].contains(index) { text.append(UInt8(ascii: "-")) }
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func stride(coprimeWith count: Int) -> Int {
        guard count > 1 else { return 1 }
        for candidate in [7_919, 104_729, 15_485_863, 1_000_003, 31, 17, 13, 11, 7, 5, 3] where gcd(candidate, count) == 1 { return candidate }
        return 1
    }

    private static func gcd(_ first: Int, _ second: Int) -> Int {
        second == 0 ? first : gcd(second, first % second)
    }
}
