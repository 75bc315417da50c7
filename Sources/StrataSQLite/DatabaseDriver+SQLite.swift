import Strata

extension DatabaseDriver {
    /// SQLite through sqlite-nio (which bundles a modern SQLite): the embedded
    /// default. Opens `sqlite:path`, `sqlite:///absolute/path` and `sqlite::memory:`.
    public static let sqlite = DatabaseDriver(
        name: "SQLite",
        schemes: ["sqlite", "sqlite3"],
        prismaProviders: ["sqlite"],
        dialect: SQLiteDialect()
    ) { request in
        try await SQLiteSession.connect(request)
    }
}
