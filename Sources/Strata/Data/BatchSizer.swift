/// How many rows the next batch takes: a fixed number, or (for a target
/// duration) the number the last batches' pace says fits, changing by at
/// most a factor of two from one batch to the next so one slow batch (a
/// checkpoint, a lock wait) does not swing it.
struct BatchSizer: Sendable {
    private(set) var size: Int
    private let target: Duration?

    static let smallest = 10
    static let largest = 500_000
    /// Where a duration target starts.
    static let firstGuess = 1000

    init(_ batching: Backfill.Batching) {
        switch batching {
        case .rows(let rows):
            size = max(1, rows)
            target = nil
        case .duration(let duration):
            size = Self.firstGuess
            target = duration
        }
    }

    /// Learns from a batch of `rows` rows that took `took`.
    mutating func record(rows: Int, took: Duration) {
        guard let target, rows >= size, took > .zero else { return }
        let ideal = Double(size) * (target / took)
        let bounded = min(max(ideal, Double(size) / 2), Double(size) * 2)
        size = min(max(Int(bounded), Self.smallest), Self.largest)
    }

    /// After a batch ran out of time: half as many rows, or `false` when the
    /// batch is as small as it gets.
    mutating func halve() -> Bool {
        guard size > 1 else { return false }
        size = max(1, size / 2)
        return true
    }
}
