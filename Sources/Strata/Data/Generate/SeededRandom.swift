/// A fast, deterministic random source (SplitMix64): the same seed gives
/// the same numbers on every machine and every Swift version, which the
/// standard library's generator does not promise.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    /// A stream of its own for `label` (a table, a column): adding a table to
    /// a run leaves the values of the others as they were.
    init(seed: UInt64, label: String) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        state = seed ^ hash
    }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xbf58_476d_1ce4_e5b9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94d0_49bb_1331_11eb
        return mixed ^ (mixed >> 31)
    }

    /// A number in `0..<bound` (`bound` > 0), without the bias of a plain modulo
    /// worth worrying about at these sizes.
    mutating func below(_ bound: Int) -> Int {
        Int((UInt128(next()) * UInt128(bound)) >> 64)
    }

    /// Whether an event of probability `chance` happens.
    mutating func chance(_ chance: Double) -> Bool {
        Double(next() >> 11) * 0x1p-53 < chance
    }

    /// An element of a non-empty array.
    mutating func pick<T>(_ elements: [T]) -> T {
        elements[below(elements.count)]
    }

    /// A double in `range`.
    mutating func real(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + Double(next() >> 11) * 0x1p-53 * (range.upperBound - range.lowerBound)
    }

    /// An integer in `range`.
    mutating func integer(in range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound)
        if width == .max { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: UInt64((UInt128(next()) * UInt128(width + 1)) >> 64))
    }
}
