import Strata

extension DatabaseDriver {
    /// SQLite through its C API (the system's libsqlite3, as the sqlite3 shell): the embedded
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
