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

    /// The text between two UTF-8 byte offsets.
    func utf8Slice(_ start: Int, _ end: Int) -> Substring {
        let utf8 = self.utf8
        let from = utf8.index(utf8.startIndex, offsetBy: Swift.max(0, Swift.min(start, utf8.count)))
        let to = utf8.index(utf8.startIndex, offsetBy: Swift.max(0, Swift.min(end, utf8.count)))
        return self[from..<to]
    }
}
