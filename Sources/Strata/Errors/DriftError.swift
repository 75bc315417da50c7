/// `deploy --check-drift`: the live schema is not what its applied
/// migrations build, so the pending ones would run on a schema nobody
/// reviewed. Nothing was applied.
public struct DriftError: StrataError {
    public var database: String
    public var migrationsPath: String
    /// Each difference in one line (``SchemaChange/summary``), from what the migrations build to what the database has.
    public var changes: [String]

    public init(database: String, migrationsPath: String, changes: [String]) {
        self.database = database
        self.migrationsPath = migrationsPath
        self.changes = changes
    }

    public var summary: String {
        "\(database) has drifted from its migrations (\(changes.count == 1 ? "1 difference" : "\(changes.count) differences")); nothing was applied"
    }

    public var details: [String] { changes }

    public var nextStep: String? {
        "make the change a migration (`strata migrate diff --from \(migrationsPath) --to <database URL> --script` writes its SQL) "
            + "or undo it by hand, then deploy again; `strata migrate status --drift` shows the differences"
    }

    public var exitStatus: ExitStatus { .attention }
}
