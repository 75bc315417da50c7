/// Which column sets of a table hold each value once, for a diagram's keys and cardinalities.
extension Table {
    /// The columns of each unique index on plain columns that holds for every row (no `WHERE`).
    var uniqueIndexColumns: [[String]] {
        indexes.filter { $0.isUnique && $0.predicate == nil && !$0.parts.contains(where: \.isExpression) }.map { $0.parts.map(\.value) }
    }

    /// Whether no two rows can hold the same values in `columns`: they include
    /// the primary key or a unique constraint or index.
    func isUnique(_ columns: [String]) -> Bool {
        let given = Set(columns)
        let keys = [primaryKey?.columns].compactMap { $0 } + uniqueConstraints.map(\.columns) + uniqueIndexColumns
        return keys.contains { !$0.isEmpty && Set($0).isSubset(of: given) }
    }
}
