/// A seeded random number generator (SplitMix64, Steele, Lea and Flood
/// 2014): the same seed gives the same schemas on every machine, so a
/// failing property case is reproduced by its seed alone.
///
/// ```swift
/// var random = SplitMix64(seed: 42)
/// let coin = Bool.random(using: &random)
/// ```
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// True with probability `probability`.
    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &self) < probability
    }

    /// One element of a non-empty collection.
    mutating func pick<C: Collection>(_ items: C) -> C.Element {
        items.randomElement(using: &self)!
    }
}
