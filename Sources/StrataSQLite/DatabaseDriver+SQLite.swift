import Strata

extension DatabaseDriver {
    /// SQLite through its C API (the system's libsqlite3, as the sqlite3 shell): the embedded
    /// default. Opens `sqlite:path`, `sqlite:///absolute/path`, `sqlite::memory:`
    /// and Prisma's `file:./dev.db`.
    public static let sqlite = DatabaseDriver(
        name: "SQLite",
        schemes: DatabaseURL.sqliteSchemes,
        prismaProviders: ["sqlite"],
        dialect: SQLiteDialect(),
        schemaRenderer: SQLiteSchemaRenderer(),
        // A shadow database is one in memory: nothing to create or remove.
        openShadow: { request in
            var memory = request
            memory.url = try DatabaseURL("sqlite::memory:")
            return ShadowDatabase(session: try await SQLiteSession.connect(memory)) {}
        },
        shadowSnapshots: SQLiteShadowSnapshots.snapshots
    ) { request in
        try await SQLiteSession.connect(request)
    }
}
