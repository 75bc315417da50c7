/// The statements and expressions the engine writes around migrations and
/// into its history table.
public protocol HistoryVocabulary: SQLSpelling {
    /// The statement that opens a migration's transaction.
    var beginTransactionSQL: String { get }

    /// The statement that ends a transaction with its changes kept.
    var commitSQL: String { get }

    /// The statement that ends a transaction with its changes undone.
    var rollbackSQL: String { get }

    /// The statement that creates a schema (where the database has schemas).
    func createSchemaSQL(_ schema: String) -> String

    /// The statement that drops a table if it exists, for `reset`.
    func dropTableIfExistsSQL(_ table: TableReference) -> String

    /// Column types for the history table.
    var historyColumnTypes: HistoryColumnTypes { get }

    /// An expression for the current wall-clock time, advancing within a transaction.
    var currentTimestampSQL: String { get }

    /// An expression for the time the current transaction began, where the
    /// database has one (PostgreSQL's `now()`): a migration's history row is
    /// then written once, at its end. `nil` opens the row first and closes it last.
    var transactionStartTimestampSQL: String? { get }

    /// An expression for the milliseconds elapsed since the timestamp in `column`.
    func millisecondsSince(_ column: String) -> String
}

extension HistoryVocabulary {
    public var commitSQL: String { "COMMIT" }
    public var rollbackSQL: String { "ROLLBACK" }

    public func createSchemaSQL(_ schema: String) -> String {
        "CREATE SCHEMA \(quoteIdentifier(schema))"
    }

    public func dropTableIfExistsSQL(_ table: TableReference) -> String {
        "DROP TABLE IF EXISTS \(qualified(table))"
    }
}

/// The column types a dialect uses for Strata's history table.
public struct HistoryColumnTypes: Sendable {
    public var autoIncrementPrimaryKey: String
    public var text: String
    public var integer: String
    public var timestamp: String

    public init(autoIncrementPrimaryKey: String, text: String, integer: String, timestamp: String) {
        self.autoIncrementPrimaryKey = autoIncrementPrimaryKey
        self.text = text
        self.integer = integer
        self.timestamp = timestamp
    }
}
