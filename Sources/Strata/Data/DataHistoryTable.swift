/// The table that records data migrations, apart from the schema
/// migrations' history: one row per data migration (a named backfill or a
/// `data/` file), updated as it runs. A backfill's checkpoint (its last key
/// and rows done) is this row, written in each batch's transaction.
///
/// Rendered through the dialect like ``HistoryTable``, with bind
/// parameters for every value that comes from a user.
struct DataHistoryTable: Sendable {
    let reference: TableReference
    let dialect: any Dialect
    private let table: String

    init(reference: TableReference, dialect: any Dialect) {
        self.reference = reference
        self.dialect = dialect
        self.table = dialect.qualified(reference)
    }

    static let columns = [
        "name", "kind", "checksum", "state", "last_key", "rows_done", "batches", "started_at", "updated_at",
        "finished_at", "run_by", "error",
    ]

    private func column(_ name: String) -> String { dialect.quoteIdentifier(name) }
    private func parameter(_ index: Int) -> String { dialect.placeholder(index) }
    private var now: String { dialect.currentTimestampSQL }

    /// `CREATE TABLE IF NOT EXISTS`.
    var createStatement: String {
        let types = dialect.historyColumnTypes
        let states = DataMigrationRecord.State.allCases.map { dialect.quoteLiteral($0.rawValue) }.joined(separator: ", ")
        let definition = [
            "\(column("name")) \(types.text) PRIMARY KEY",
            "\(column("kind")) \(types.text) NOT NULL",
            "\(column("checksum")) \(types.text) NOT NULL",
            "\(column("state")) \(types.text) NOT NULL CHECK (\(column("state")) IN (\(states)))",
            "\(column("last_key")) \(types.text)",
            "\(column("rows_done")) \(types.integer) NOT NULL",
            "\(column("batches")) \(types.integer) NOT NULL",
            "\(column("started_at")) \(types.timestamp) NOT NULL",
            "\(column("updated_at")) \(types.timestamp) NOT NULL",
            "\(column("finished_at")) \(types.timestamp)",
            "\(column("run_by")) \(types.text) NOT NULL",
            "\(column("error")) \(types.text)",
        ].joined(separator: ",\n    ")
        return "CREATE TABLE IF NOT EXISTS \(table) (\n    \(definition)\n)"
    }

    /// Every row, by name; bind nothing.
    var selectAll: String {
        "SELECT \(Self.columns.map(column).joined(separator: ", ")) FROM \(table) ORDER BY \(column("name"))"
    }

    /// The row of one data migration; bind its name.
    var selectOne: String {
        "SELECT \(Self.columns.map(column).joined(separator: ", ")) FROM \(table) WHERE \(column("name")) = \(parameter(1))"
    }

    /// Forgets a data migration, to start it over; bind its name.
    var delete: String {
        "DELETE FROM \(table) WHERE \(column("name")) = \(parameter(1))"
    }

    /// The row of a data migration starting for the first time; bind name, kind, checksum, runner.
    var insertRunning: String {
        "INSERT INTO \(table) (\(["name", "kind", "checksum", "state", "rows_done", "batches", "started_at", "updated_at", "run_by"].map(column).joined(separator: ", "))) "
            + "VALUES (\(parameter(1)), \(parameter(2)), \(parameter(3)), \(dialect.quoteLiteral(DataMigrationRecord.State.running.rawValue)), 0, 0, \(now), \(now), \(parameter(4)))"
    }

    /// A stopped data migration running again; bind runner, name.
    var resume: String {
        "UPDATE \(table) SET \(column("state")) = \(dialect.quoteLiteral(DataMigrationRecord.State.running.rawValue)), "
            + "\(column("run_by")) = \(parameter(1)), \(column("updated_at")) = \(now), \(column("error")) = NULL, "
            + "\(column("finished_at")) = NULL WHERE \(column("name")) = \(parameter(2))"
    }

    /// A batch done, in the batch's transaction; bind last key (JSON), rows changed, name.
    var checkpoint: String { checkpoint(key: parameter(1), rows: parameter(2), name: parameter(3)) }

    /// The checkpoint with its three values as SQL (placeholders, or the count of a `WITH`).
    func checkpoint(key: String, rows: String, name: String) -> String {
        "UPDATE \(table) SET \(column("last_key")) = \(key), "
            + "\(column("rows_done")) = \(column("rows_done")) + \(rows), "
            + "\(column("batches")) = \(column("batches")) + 1, \(column("updated_at")) = \(now) "
            + "WHERE \(column("name")) = \(name)"
    }

    /// The run's end; bind state, error (or NULL), name.
    var finish: String {
        "UPDATE \(table) SET \(column("state")) = \(parameter(1)), \(column("error")) = \(parameter(2)), "
            + "\(column("updated_at")) = \(now), \(column("finished_at")) = \(now) WHERE \(column("name")) = \(parameter(3))"
    }
}

/// One data migration's row in the data history.
public struct DataMigrationRecord: Sendable, Equatable {
    /// Where a data migration stands.
    public enum State: String, Sendable, CaseIterable {
        /// A run is at work, or stopped without saying so (`kill -9`): the
        /// named lock tells which.
        case running
        /// Stopped by Ctrl-C (or a cancelled task) between batches; the next run resumes.
        case interrupted
        /// A batch failed; the next run resumes after the last batch that committed.
        case failed
        case completed
    }

    /// What a row records.
    public enum Kind: String, Sendable {
        /// Batches along a key (``Backfill``).
        case backfill
        /// A `data/*.sql` script, run once in one transaction.
        case script
        /// A seed (`seeds/*.sql` or a ``Seeder``), run once by `strata db seed`.
        case seed
    }

    public var name: String
    public var kind: Kind
    public var checksum: String
    public var state: State
    /// The last key a committed batch reached, as stored (JSON); `nil` before the first batch.
    public var lastKey: String?
    public var rowsDone: Int
    public var batches: Int
    public var startedAt: String
    public var updatedAt: String
    public var finishedAt: String?
    public var runBy: String
    public var error: String?

    init?(_ row: DatabaseRow) {
        guard let name = row["name"].string, let kind = row["kind"].string.flatMap(Kind.init),
              let state = row["state"].string.flatMap(State.init)
        else { return nil }
        self.name = name
        self.kind = kind
        self.checksum = row["checksum"].string ?? ""
        self.state = state
        self.lastKey = row["last_key"].string
        self.rowsDone = Int(row["rows_done"].integer ?? 0)
        self.batches = Int(row["batches"].integer ?? 0)
        self.startedAt = row["started_at"].string ?? ""
        self.updatedAt = row["updated_at"].string ?? ""
        self.finishedAt = row["finished_at"].string
        self.runBy = row["run_by"].string ?? ""
        self.error = row["error"].string
    }

    /// The stored last key, decoded.
    var key: BackfillKey? { lastKey.flatMap(BackfillKey.init(json:)) }
}
