import Strata

extension DatabaseDriver {
    /// PostgreSQL through libpq (the client psql is built on), statements
    /// parsed by libpg_query.
    ///
    /// Opens `postgres://` and `postgresql://` URLs and libpq keyword/value
    /// strings (`host=db dbname=app`), and reads everything else the way
    /// psql does: `PGHOST`, `PGUSER`, `PGPASSWORD`, ... for what the URL
    /// leaves out, `~/.pgpass`, `service=` with `pg_service.conf`, every
    /// `sslmode`, Unix sockets, several hosts with `target_session_attrs`.
    /// Strata adds `schema` (Prisma's) and `search_path`, and ignores
    /// Prisma's connection-pool parameters.
    public static let postgres = DatabaseDriver(
        name: "PostgreSQL",
        schemes: ["postgres", "postgresql"],
        prismaProviders: ["postgresql", "postgres"],
        dialect: PostgresDialect(),
        connectingChangesNothing: true,
        schemaRenderer: PostgresSchemaRenderer(),
        recipeWriter: PostgresRecipes(),
        openShadow: { request in try await PostgresShadowDatabase.open(near: request) },
        shadowSnapshots: PostgresShadowSnapshots.snapshots,
        createDatabase: { request in try await PostgresDatabaseCreation.createIfMissing(request) }
    ) { request in
        try await PostgresSession.connect(request)
    }
}
