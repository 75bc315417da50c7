extension String {
    /// The Levenshtein distance to `other`, for "did you mean" hints.
    func editDistance(to other: String) -> Int {
        let left = Array(self), right = Array(other)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        for (i, a) in left.enumerated() {
            var current = [i + 1] + Array(repeating: 0, count: right.count)
            for (j, b) in right.enumerated() {
                current[j + 1] = Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1))
            }
            previous = current
        }
        return previous[right.count]
    }
}

extension Sequence where Element == String {
    /// The name closest to `unknown` when it is close enough to be a typo of it, for "did you mean".
    public func closest(to unknown: String) -> String? {
        sorted().min { unknown.editDistance(to: $0) < unknown.editDistance(to: $1) }
            .flatMap { unknown.editDistance(to: $0) <= Swift.max(2, unknown.count / 4) ? $0 : nil }
    }
}
