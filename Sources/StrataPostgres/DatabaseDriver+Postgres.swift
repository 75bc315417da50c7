import Strata

extension DatabaseDriver {
    /// PostgreSQL through postgres-nio, statements parsed by libpg_query.
    ///
    /// Opens `postgres://` and `postgresql://` URLs: `sslmode` (disable,
    /// allow, prefer, require, verify-ca, verify-full), `sslrootcert`,
    /// `schema` / `search_path`, `host=/path` for a Unix socket; `PGUSER`,
    /// `PGPASSWORD`, `PGHOST`, `PGPORT`, `PGDATABASE` fill gaps as in libpq.
    public static let postgres = DatabaseDriver(
        name: "PostgreSQL",
        schemes: ["postgres", "postgresql"],
        prismaProviders: ["postgresql", "postgres"],
        dialect: PostgresDialect(),
        connectingChangesNothing: true
    ) { request in
        try await PostgresSession.connect(request)
    }
}
