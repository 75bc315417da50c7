/// Where `migrate dev`, `diff`, `status --drift` and `test` build schemas.
extension Migrator {
    /// Runs `body` on a shadow database: the configured one (``Configuration/shadowURL``,
    /// else `prismaShadow`, the Prisma schema's `shadowDatabaseUrl`), emptied
    /// before and after; else a temporary one made next to the configured
    /// database and always removed.
    ///
    /// - Throws: ``ConfigurationError`` when the configured shadow is the
    ///   database itself, holds a migration history, or its variable is
    ///   unset; ``ConnectionError`` when it cannot be reached;
    ///   ``ShadowDatabaseError`` when no temporary one can be made.
    func withShadow<T: Sendable>(prismaShadow: PrismaSetting? = nil, _ body: (any Database) async throws -> T) async throws -> T {
        guard let (url, setting) = try configuredShadow(prismaShadow) else {
            guard driver.schemes.contains(configuration.url.scheme) else {
                throw ConfigurationError(
                    "a \(driver.name) shadow database is made on a \(driver.name) server, and no \(driver.name) URL is configured",
                    nextStep: "pass --url, or set DATABASE_URL, to a \(driver.name) database the shadow can be created next to")
            }
            let request = ConnectionRequest(url: configuration.url, schema: configuration.schema, applicationName: "strata shadow")
            return try await driver.withShadowDatabase(near: request, body)
        }
        let session = try await openConfiguredShadow(url, setting: setting)
        do {
            try await empty(session)
            let left = try await introspect(session)
            let names = left.tables.map(\.name) + left.views.map(\.name) + left.enums.map(\.name) + left.sequences.map(\.name)
            guard names.isEmpty else {
                throw ConfigurationError(
                    "\(setting) names \(url), which holds objects its user does not own and cannot drop: "
                        + names.prefix(5).map(\.description).joined(separator: ", ") + (names.count > 5 ? ", ..." : ""),
                    nextStep: "drop them as their owner, or name another, empty database there")
            }
            let result = try await body(session)
            try await empty(session)
            await session.close()
            return result
        } catch {
            try? await empty(session)
            await session.close()
            throw error
        }
    }

    /// The configured shadow's URL and the setting that names it (for messages); `nil` for a temporary one.
    func configuredShadow(_ prisma: PrismaSetting?) throws -> (DatabaseURL, String)? {
        if let url = configuration.shadowURL { return (url, "shadow_url in strata.toml") }
        switch prisma {
        case nil:
            return nil
        case .literal(let text)?:
            return (try DatabaseURL(text), "shadowDatabaseUrl in schema.prisma")
        case .environment(let name)?:
            guard let text = configuration.variables[name], !text.isEmpty else {
                throw ConfigurationError(
                    "schema.prisma's shadowDatabaseUrl reads env(\"\(name)\"), and \(name) is not set",
                    nextStep: "set \(name) (in the environment or .env) to a database Strata may empty, or remove shadowDatabaseUrl")
            }
            return (try DatabaseURL(text), "shadowDatabaseUrl in schema.prisma (\(name))")
        }
    }

    private func openConfiguredShadow(_ url: DatabaseURL, setting: String) async throws -> any Database {
        guard driver.schemes.contains(url.scheme) else {
            throw ConfigurationError("\(setting) is not a \(driver.name) URL: \(url)", nextStep: "name a \(driver.name) database there")
        }
        let sameServer = url.hosts == configuration.url.hosts && url.scheme == configuration.url.scheme
        guard !(sameServer && url.databaseName == configuration.url.databaseName) else {
            throw ConfigurationError(
                "\(setting) names the database itself (\(url)); a shadow database is emptied every time it is used",
                nextStep: "name a separate, empty database there")
        }
        let request = ConnectionRequest(url: url, schema: configuration.schema, applicationName: "strata shadow", whenMissing: .fail)
        let session: any Database
        do {
            session = try await driver.connect(request)
        } catch let error as DatabaseError {
            throw ConnectionError(target: url.description, underlying: error, during: "opening the shadow database named by \(setting)")
        }
        for table in [configuration.historyTable, "_prisma_migrations"] {
            if try await session.tableExists(TableReference(schema: session.schema, name: table)) {
                await session.close()
                throw ConfigurationError(
                    "\(setting) names \(url), which holds a migration history (\(table)): it is not a scratch database",
                    nextStep: "name a separate, empty database there; Strata empties the shadow every time it uses it")
            }
        }
        return session
    }

    /// Drops everything in a configured shadow.
    func empty(_ session: any Database) async throws {
        for statement in try await session.clearPlan().statements { try await session.execute(statement) }
    }
}
