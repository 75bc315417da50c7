/// A statement as a rule sees it: its text, place, facts, and how Strata runs it.
/// A class, so that handing it to every rule costs one reference, not a copy of each field.
public final class LintedStatement {
    /// The file it is in.
    public let path: String
    public let sql: String
    /// Where it starts in its file, in UTF-8 bytes.
    public let byteOffset: Int
    public let facts: StatementFacts
    /// Whether it runs inside a transaction block (Strata's or the file's own `BEGIN`).
    public let inTransaction: Bool
    /// The transaction it runs in, to tell one from the next; `nil` outside one.
    public let transaction: Int?
    /// What the database demands of the transaction around it.
    public let requirement: TransactionRequirement

    init(
        path: String, sql: String, byteOffset: Int, facts: StatementFacts, inTransaction: Bool, transaction: Int?,
        requirement: TransactionRequirement
    ) {
        self.path = path
        self.sql = sql
        self.byteOffset = byteOffset
        self.facts = facts
        self.inTransaction = inTransaction
        self.transaction = transaction
        self.requirement = requirement
    }
}

/// What a rule may consult beyond the statement. A class for the same reason:
/// the linter updates it in place between statements, and every rule reads it.
public final class LintContext {
    /// The schema before the statement: live objects, then what the run did.
    public var knowledge: LintKnowledge
    /// Whether the file set `lock_timeout` itself before this statement.
    public var migrationSetsLockTimeout: Bool
    /// Strata's own `lock_timeout` for migration statements; `nil` when turned off.
    public var statementLockTimeout: Duration?
    /// Live sizes of the relations the run touches, when connected.
    public var statistics: [TableReference: RelationStatistics]
    /// The facts of the statements after this one in the same file, for
    /// patterns that span statements (a constraint dropped and added back).
    public var upcoming: ArraySlice<StatementFacts> = []

    /// Quotes an identifier as the dialect does, for fixes written with the statement's own names.
    public var quote: @Sendable (String) -> String

    public init(
        quote: @escaping @Sendable (String) -> String = { "\"\($0)\"" },
        knowledge: LintKnowledge = LintKnowledge(), migrationSetsLockTimeout: Bool = false,
        statementLockTimeout: Duration? = nil, statistics: [TableReference: RelationStatistics] = [:]
    ) {
        self.quote = quote
        self.knowledge = knowledge
        self.migrationSetsLockTimeout = migrationSetsLockTimeout
        self.statementLockTimeout = statementLockTimeout
        self.statistics = statistics
    }

    /// Whether the table existed before the run, so it may hold rows: false for a table the run created.
    public func holdsRows(_ table: TableReference) -> Bool {
        !knowledge.isNew(table: table)
    }

    /// The live statistics of a relation, when known.
    public func statistics(of relation: TableReference) -> RelationStatistics? {
        statistics.first { $0.key.matches(relation) }?.value
    }
}

/// A relation's size as the live database estimates it.
public struct RelationStatistics: Sendable, Equatable, Codable {
    /// `pg_class.reltuples` (SQLite: a count); `nil` when never analyzed.
    public var rows: Double?
    /// The table with its indexes and TOAST, in bytes.
    public var totalBytes: Int64
    /// Its indexes alone, in bytes.
    public var indexBytes: Int64

    public init(rows: Double?, totalBytes: Int64, indexBytes: Int64) {
        self.rows = rows
        self.totalBytes = totalBytes
        self.indexBytes = indexBytes
    }

    /// "12 M rows, 3.1 GB (indexes 820 MB)".
    public var summary: String {
        let rowText = rows.map { Self.count($0) + ($0 == 1 ? " row" : " rows") } ?? "rows unknown (never analyzed)"
        return rowText + ", " + Self.bytes(totalBytes) + (indexBytes > 0 ? " (indexes \(Self.bytes(indexBytes)))" : "")
    }

    static func count(_ value: Double) -> String {
        switch value {
        case ..<1000: String(Int(max(0, value)))
        case ..<1_000_000: Self.oneDecimal(value / 1000) + " k"
        case ..<1_000_000_000: Self.oneDecimal(value / 1_000_000) + " M"
        default: Self.oneDecimal(value / 1_000_000_000) + " G"
        }
    }

    static func bytes(_ value: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB"]
        var size = Double(value)
        var unit = 0
        while size >= 1024, unit < units.count - 1 { size /= 1024; unit += 1 }
        return unit == 0 ? "\(value) bytes" : Self.oneDecimal(size) + " " + units[unit]
    }

    private static func oneDecimal(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
