/// A database product's name, how it quotes, and what it can do.
public protocol SQLSpelling: Sendable {
    /// The product's name as users know it, e.g. `PostgreSQL`.
    var name: String { get }

    /// Quotes an identifier so that any text is taken as a name, never as SQL.
    func quoteIdentifier(_ identifier: String) -> String

    /// Quotes a text as a string literal.
    func quoteLiteral(_ text: String) -> String

    /// The placeholder of the `index`th (from 1) bind parameter, e.g. `$1` or `?1`.
    func placeholder(_ index: Int) -> String

    /// Whether DDL takes part in transactions (PostgreSQL, SQLite: yes; MySQL: no).
    var supportsTransactionalDDL: Bool { get }

    /// Whether tables live in named schemas that may need creating.
    var supportsSchemas: Bool { get }

    /// Whether `error` says an object the statement creates exists already
    /// (a table, a type, a schema): a first migration failing so on a
    /// database built without Strata, which `baseline` adopts.
    func isAlreadyExists(_ error: DatabaseError) -> Bool

    /// An expression that reads `expression` back in a form that, bound as
    /// a parameter, compares equal to it again: a backfill's checkpoint
    /// carries its last key so (PostgreSQL: as text, which keeps a
    /// timestamp's microseconds and any type's exact value; SQLite: as it
    /// is, since its values bind back unchanged).
    func exactValueSQL(_ expression: String) -> String

    /// The column every row of a table has that identifies it, for
    /// batches over a table without a primary key (SQLite's `rowid`), or
    /// `nil` where there is none that stays put (PostgreSQL's `ctid`
    /// changes with each update).
    var rowIdentifierColumn: String? { get }

    /// Whether `max()` takes values of a column of this type (as the
    /// introspected schema spells it): a backfill then finds a batch's last
    /// key with one aggregate instead of a sort.
    func hasMaximum(ofType type: String) -> Bool

    /// Whether a column of this type (as the introspected schema spells it)
    /// holds whole numbers: a backfill walks such a key in ranges.
    func isInteger(type: String) -> Bool

    /// One statement that runs `update` and, in the same statement, the
    /// checkpoint `checkpoint(count)` writes with `count` the SQL of the
    /// number of rows `update` changed, returning that number as its one
    /// row (PostgreSQL: a data-modifying `WITH`). `nil` where the database
    /// has none (SQLite).
    func countedUpdateSQL(_ update: String, checkpoint: (String) -> String) -> String?

    /// The number of rows the connection's statement before changed, as an
    /// SQL expression a later statement can use (SQLite's `changes()`):
    /// where ``countedUpdateSQL(_:checkpoint:)`` has no statement, a range
    /// batch's checkpoint follows its change and counts it so. `nil` where there is none.
    var previousChangesSQL: String? { get }

    /// One statement that sets, for the current transaction only, a
    /// statement timeout, a lock timeout and (with `deferringFlush`) a commit
    /// that does not wait for the flush: what a backfill's batch sets first
    /// when it runs as a pipeline's implicit transaction. `nil` where there is none.
    func transactionSettingsSQL(statementTimeout: Duration, lockTimeout: Duration, deferringFlush: Bool) -> String?
}

extension SQLSpelling {
    public func isAlreadyExists(_ error: DatabaseError) -> Bool { false }
    public func exactValueSQL(_ expression: String) -> String { expression }
    public var rowIdentifierColumn: String? { nil }
    public func hasMaximum(ofType type: String) -> Bool { true }
    public func isInteger(type: String) -> Bool { false }
    public func countedUpdateSQL(_ update: String, checkpoint: (String) -> String) -> String? { nil }
    public var previousChangesSQL: String? { nil }
    public func transactionSettingsSQL(statementTimeout: Duration, lockTimeout: Duration, deferringFlush: Bool) -> String? { nil }

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
