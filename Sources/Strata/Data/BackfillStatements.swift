/// The SQL of a backfill's batches, rendered once through the dialect.
///
/// A batch first finds its last key (the `size`th row matching the
/// condition after the previous batch's last key, reading the key index
/// only), then changes the rows between the two keys:
///
/// ```sql
/// SELECT ("id")::text AS "_strata_key_1", count(*) OVER () FROM (
///   SELECT "id" FROM "users" WHERE "id" > $1 AND (role IS NULL) ORDER BY "id" LIMIT $2
/// ) AS "_strata_batch" ORDER BY "_strata_batch"."id" DESC LIMIT 1;
/// UPDATE "users" SET role = 'USER' WHERE "id" > $1 AND "id" <= $2 AND (role IS NULL);
/// ```
///
/// Keys compare as row values (`("a", "b") > ($1, $2)`), so a composite key
/// walks in its index's order too.
struct BackfillStatements: Sendable {
    let dialect: any Dialect
    let table: String
    /// The key columns as named, and quoted.
    let keyNames: [String]
    let keyColumns: [String]
    let set: String?
    let condition: String?
    /// Whether the key is one column whose type `max()` takes: the boundary
    /// is then an aggregate, not a sort (a quarter of the time a batch).
    let aggregatesKey: Bool
    /// Whether batches walk the key in ranges of values (`id > $1 AND id <= $2`)
    /// with no read of their last key: a single integer key, and a
    /// database whose checkpoint can count the update's rows, in the same
    /// statement (``SQLSpelling/countedUpdateSQL(_:checkpoint:)``, with the
    /// transaction's timeouts set in one statement,
    /// ``SQLSpelling/transactionSettingsSQL(statementTimeout:lockTimeout:deferringFlush:)``)
    /// or in the next (``SQLSpelling/previousChangesSQL``).
    let walksRanges: Bool
    /// The key columns that may hold `NULL`: a row whose key is `NULL`
    /// compares as neither above nor below any key, so no batch reaches it.
    let nullableKeyColumns: [String]
    /// Whether an index (or the primary key, or the rowid) leads with the key.
    let keyIsIndexed: Bool

    init(
        dialect: any Dialect, table: TableReference, keyColumns: [String], set: String?, condition: String?, aggregatesKey: Bool = false,
        integerKey: Bool = false, nullableKeyColumns: [String] = [], keyIsIndexed: Bool = true
    ) {
        self.dialect = dialect
        self.table = dialect.qualified(table)
        self.keyNames = keyColumns
        self.keyColumns = keyColumns.map(dialect.quoteIdentifier)
        self.set = set
        self.condition = condition
        self.aggregatesKey = aggregatesKey && keyColumns.count == 1
        self.nullableKeyColumns = nullableKeyColumns
        self.keyIsIndexed = keyIsIndexed
        let oneStatementBatch = dialect.countedUpdateSQL("", checkpoint: { $0 }) != nil
            && dialect.transactionSettingsSQL(statementTimeout: .seconds(1), lockTimeout: .seconds(1), deferringFlush: true) != nil
        self.walksRanges = integerKey && keyColumns.count == 1 && set != nil && (oneStatementBatch || dialect.previousChangesSQL != nil)
    }

    /// The key's lowest and highest values (`NULL`s on an empty table): where the ranges start and end.
    var keyRange: String {
        "SELECT min(\(keyColumns[0])) AS \(dialect.quoteIdentifier("low")), max(\(keyColumns[0])) AS \(dialect.quoteIdentifier("high")) FROM \(table)"
    }

    /// A range batch's SQL: the change of the rows with keys above `$1` up
    /// to `$2`, and its checkpoint counting them.
    enum RangeBatch {
        /// One statement; bind the two keys, the key reached and the backfill's name.
        case counted(String)
        /// The change (bind the two keys), then the checkpoint (bind the key reached
        /// and the backfill's name), in a transaction of their own.
        case separate(update: String, checkpoint: String)
    }

    /// The range batch with the checkpoint `checkpoint(key, rows, name)` writes, given their SQL.
    func rangeBatch(checkpoint: (_ key: String, _ rows: String, _ name: String) -> String) -> RangeBatch? {
        guard walksRanges, let update = update(after: true) else { return nil }
        if let counted = dialect.countedUpdateSQL(update, checkpoint: { checkpoint(dialect.placeholder(3), $0, dialect.placeholder(4)) }) {
            return .counted(counted)
        }
        guard let changes = dialect.previousChangesSQL else { return nil }
        return .separate(update: update, checkpoint: checkpoint(dialect.placeholder(1), changes, dialect.placeholder(2)))
    }

    private var keyList: String { keyColumns.joined(separator: ", ") }
    private var keyTuple: String { keyColumns.count == 1 ? keyColumns[0] : "(\(keyList))" }

    /// `$first` .. for each key column, as a row value when the key has several.
    private func parameters(from first: Int) -> String {
        let placeholders = keyColumns.indices.map { dialect.placeholder(first + $0) }
        return placeholders.count == 1 ? placeholders[0] : "(" + placeholders.joined(separator: ", ") + ")"
    }

    /// The rows after the last key (bound from `$1`) that match the condition.
    private func filter(after: Bool) -> String {
        var conditions: [String] = []
        if after { conditions.append("\(keyTuple) > \(parameters(from: 1))") }
        if let condition { conditions.append("(\(condition))") }
        return conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// The number of the first parameter after the lower key's.
    private func next(after: Bool) -> Int { after ? keyColumns.count + 1 : 1 }

    /// The key read back exactly, each column named apart from the key's
    /// own names (PostgreSQL's text forms would otherwise be what `ORDER BY`
    /// names, and sort as text).
    private var exactKey: String {
        keyColumns.enumerated().map { "\(dialect.exactValueSQL($1)) AS \(dialect.quoteIdentifier("_strata_key_\($0 + 1)"))" }
            .joined(separator: ", ")
    }

    /// The batch's last key and its number of rows; bind the lower key (when
    /// `after`) and the batch size. No row when nothing is left.
    func boundary(after: Bool) -> String {
        let batch = dialect.quoteIdentifier("_strata_batch")
        if aggregatesKey {
            let last = "\(dialect.exactValueSQL("max(\(batch).\(keyColumns[0]))")) AS \(dialect.quoteIdentifier("_strata_key_1"))"
            // An aggregate answers even without rows: HAVING keeps "no rows left" an empty result.
            return "SELECT \(last), count(*) FROM (SELECT \(keyList) FROM \(table)\(filter(after: after)) "
                + "ORDER BY \(keyList) LIMIT \(dialect.placeholder(next(after: after)))) AS \(batch) HAVING count(*) > 0"
        }
        let descending = keyColumns.map { "\(batch).\($0) DESC" }.joined(separator: ", ")
        return "SELECT \(exactKey), count(*) OVER () FROM (SELECT \(keyList) FROM \(table)\(filter(after: after)) "
            + "ORDER BY \(keyList) LIMIT \(dialect.placeholder(next(after: after)))) AS \(batch) "
            + "ORDER BY \(descending) LIMIT 1"
    }

    /// Every key of the batch, in order (for ``Backfill/perBatch``); bind as ``boundary(after:)``.
    func keys(after: Bool) -> String {
        return "SELECT \(exactKey) FROM \(table)\(filter(after: after)) ORDER BY \(keyList) LIMIT \(dialect.placeholder(next(after: after)))"
    }

    /// Changes the batch's rows; bind the lower key (when `after`) and the upper key.
    func update(after: Bool) -> String? {
        guard let set else { return nil }
        var conditions: [String] = []
        if after { conditions.append("\(keyTuple) > \(parameters(from: 1))") }
        conditions.append("\(keyTuple) <= \(parameters(from: next(after: after)))")
        if let condition { conditions.append("(\(condition))") }
        return "UPDATE \(table) SET \(set) WHERE " + conditions.joined(separator: " AND ")
    }

    /// How many rows matching the condition have a `NULL` in the key (counted
    /// up to 1,001): rows no batch would reach. `nil` when the key cannot hold one.
    var unreachableRows: String? {
        guard !nullableKeyColumns.isEmpty else { return nil }
        let nulls = nullableKeyColumns.map { "\(dialect.quoteIdentifier($0)) IS NULL" }.joined(separator: " OR ")
        let matching = condition.map { " AND (\($0))" } ?? ""
        return "SELECT count(*) AS \(dialect.quoteIdentifier("n")) FROM (SELECT 1 FROM \(table) WHERE (\(nulls))\(matching) LIMIT 1001) "
            + "AS \(dialect.quoteIdentifier("_strata_null_keys"))"
    }

    /// The rows left to do, for the estimate; bind the lower key (when `after`).
    func remaining(after: Bool) -> String {
        "SELECT 1 FROM \(table)\(filter(after: after))"
    }
}
