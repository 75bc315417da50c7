/// The history table could not be written. When this happens while recording
/// a failed migration, that failure is reported too.
public struct HistoryWriteError: StrataError {
    public var table: TableReference
    public var statement: String
    public var underlying: DatabaseError
    /// The migration failure that was being recorded, if any.
    public var failure: MigrationFailedError?

    public init(table: TableReference, statement: String, underlying: DatabaseError, after failure: MigrationFailedError? = nil) {
        self.table = table
        self.statement = statement
        self.underlying = underlying
        self.failure = failure
    }

    public var summary: String {
        failure.map { "\($0.summary); then the history table \(table) could not record it" }
            ?? "could not write to the history table \(table)"
    }

    public var details: [String] {
        var lines = (failure?.details ?? []) + ["history: " + underlying.description]
        // The statement explains a refused write; after a lost connection it is noise.
        if underlying.kind != .connection { lines.append("statement: " + statement) }
        return lines
    }

    public var nextStep: String? {
        if underlying.kind == .connection {
            return "the connection was lost: once the server answers again, run `strata migrate status` to see "
                + "what took effect, then run the command again"
        }
        return "check that the database user may write to \(table); run `strata migrate status` to see what the history says"
    }

    public var exitStatus: ExitStatus { failure == nil ? .failure : .migrationFailed }
}
