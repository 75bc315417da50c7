import Foundation

/// How one database product writes SQL: quoting, statement splitting and
/// classification, and the few typed capabilities the engine relies on.
///
/// The engine never asks *which* database it talks to; it asks the dialect.
/// A database module implements this protocol once, e.g. `PostgresDialect`.
///
/// ```swift
/// let statements = try dialect.split(script: "CREATE TABLE t (id int); CREATE INDEX CONCURRENTLY i ON t (id)")
/// statements[1].requirement  // .mustRunOutsideTransaction(reason: "CREATE INDEX CONCURRENTLY ...")
/// ```
public protocol Dialect: Sendable {
    /// The product's name as users know it, e.g. `PostgreSQL`.
    var name: String { get }

    /// Quotes an identifier so that any text is taken as a name, never as SQL.
    func quoteIdentifier(_ identifier: String) -> String

    /// Quotes a text as a string literal.
    func quoteLiteral(_ text: String) -> String

    /// Splits a migration script into statements and classifies each one.
    /// Throws ``ScriptSyntaxError`` when the script cannot be read as SQL.
    func split(script: String) throws -> [ScriptStatement]

    /// Splits a script whose `-- strata:transaction` directive already decides
    /// how it runs, so statements need no classification. A dialect whose
    /// parser may lag behind the server splits leniently here.
    func splitWithoutClassifying(script: String) throws -> [ScriptStatement]

    /// Whether DDL takes part in transactions (PostgreSQL, SQLite: yes; MySQL: no).
    var supportsTransactionalDDL: Bool { get }

    /// Whether tables live in named schemas that may need creating.
    var supportsSchemas: Bool { get }

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

    /// The statement that lets the current transaction's commit return
    /// before its flush to disk (PostgreSQL `SET LOCAL synchronous_commit =
    /// off`), or `nil` where there is no such setting. Strata defers the
    /// flush for every transactional migration of a run but the last, whose
    /// flushed commit then makes all earlier ones durable: a crash can only
    /// lose a suffix of whole migrations together with their history rows,
    /// and a run reports success only once everything is on disk. The
    /// setting ends with its transaction, so nothing leaks to the session (or,
    /// behind a connection pooler, to another client).
    var deferredFlushSQL: String? { get }

    /// Whether `error` says an object the statement creates exists already
    /// (a table, a type, a schema): a first migration failing so on a
    /// database built without Strata, which `baseline` adopts.
    func isAlreadyExists(_ error: DatabaseError) -> Bool

    /// An expression for the milliseconds elapsed since the timestamp in `column`.
    func millisecondsSince(_ column: String) -> String

    /// The statements that put a session back to how a new connection has
    /// it, keeping session-level locks (the migration lock): what runs
    /// between a migration that changed the session and the next. Empty
    /// where the database has no such state to reset.
    var sessionResetSQL: [String] { get }

    /// The statement that limits how long statements wait for a lock
    /// (PostgreSQL `lock_timeout`), for the session or, with
    /// `inTransaction`, until the current transaction ends; a `nil` timeout
    /// puts the session's default back. Returns `nil` where the database has
    /// no such setting (SQLite waits by its busy timeout).
    func lockTimeoutSQL(_ timeout: Duration?, inTransaction: Bool) -> String?
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

extension Dialect {
    public var sessionResetSQL: [String] { [] }
    public func isAlreadyExists(_ error: DatabaseError) -> Bool { false }
    public var commitSQL: String { "COMMIT" }
    public var rollbackSQL: String { "ROLLBACK" }

    public func createSchemaSQL(_ schema: String) -> String {
        "CREATE SCHEMA \(quoteIdentifier(schema))"
    }

    public func dropTableIfExistsSQL(_ table: TableReference) -> String {
        "DROP TABLE IF EXISTS \(qualified(table))"
    }

    public func splitWithoutClassifying(script: String) throws -> [ScriptStatement] {
        try split(script: script)
    }

    /// The table's name, schema-qualified when it has a schema, quoted.
    public func qualified(_ table: TableReference) -> String {
        if let schema = table.schema {
            return quoteIdentifier(schema) + "." + quoteIdentifier(table.name)
        }
        return quoteIdentifier(table.name)
    }

    /// Standard SQL identifier quoting: double quotes, inner ones doubled.
    public func doubleQuoted(_ identifier: String) -> String {
        "\"" + identifier.doubling(UInt8(ascii: "\"")) + "\""
    }
}

/// A table, optionally in a schema.
public struct TableReference: Sendable, Hashable, CustomStringConvertible {
    public var schema: String?
    public var name: String

    public init(schema: String? = nil, name: String) {
        self.schema = schema
        self.name = name
    }

    public var description: String { schema.map { "\($0).\(name)" } ?? name }
}
