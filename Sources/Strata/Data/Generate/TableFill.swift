import Foundation

/// How one table is filled: the columns written and what each holds, the
/// foreign keys whose values come from the referenced rows, and the checks
/// left to the database.
struct TableFill: Sendable {
    /// One written column.
    struct Column: Sendable {
        var name: String
        var kind: GeneratedValueKind
        /// How often it is null (0 for NOT NULL columns).
        var nullChance: Double
        /// A column of the same row it must not be less than (`updated_at >= created_at`).
        var notBefore: Int?
    }

    /// A foreign key: its columns take the values of one referenced row.
    struct Reference: Sendable {
        var columns: [String]
        var referencedTable: QualifiedName
        var referencedColumns: [String]
        /// Whether the key may be null (each of its columns is nullable).
        var nullable: Bool
        /// The key is unique in this table: each referenced row at most once (one-to-one).
        var distinct: Bool
        /// Part of a unique key made only of foreign keys (a join table): the
        /// rows walk through the combinations.
        var combined: Bool
        /// A cycle among the generated tables is broken here: always null.
        var alwaysNull = false
    }

    var table: Table
    var rows: Int
    var columns: [Column]
    /// The order columns are made in: a column after the ones it must follow.
    var order: [Int]
    var references: [Reference]
    /// Checks whose expressions the generator did not understand, by name.
    var uncheckedChecks: [String]

    var name: QualifiedName { table.name }
}

/// What a generation run was asked for: tables and how many rows each.
public struct SeedGeneration: Sendable {
    public var counts: [(table: String, rows: Int)]
    /// The random seed: the same seed and the same database give the same rows.
    public var seed: UInt64

    public init(counts: [(table: String, rows: Int)], seed: UInt64 = 42) {
        self.counts = counts
        self.seed = seed
    }

    /// Reads `users=10000,posts=50000`.
    ///
    /// - Throws: ``RefusalError`` naming the part that does not read.
    public init(parsing text: String, seed: UInt64 = 42) throws {
        var counts: [(table: String, rows: Int)] = []
        for part in text.split(separator: ",") {
            let pieces = part.split(separator: "=", maxSplits: 1).map { String($0).trimmingCharacters(in: .whitespaces) }
            guard pieces.count == 2, !pieces[0].isEmpty, let rows = Int(pieces[1].replacing("_", with: "")), rows > 0 else {
                throw RefusalError(
                    "--generate reads TABLE=ROWS pairs, and \"\(part)\" is not one",
                    nextStep: "write it as users=10000,posts=50000")
            }
            guard !counts.contains(where: { $0.table == pieces[0] }) else {
                throw RefusalError("--generate names \(pieces[0]) twice", nextStep: "give each table once")
            }
            counts.append((pieces[0], rows))
        }
        guard !counts.isEmpty else { throw RefusalError("--generate names no table", nextStep: "write it as users=10000,posts=50000") }
        self.init(counts: counts, seed: seed)
    }
}
