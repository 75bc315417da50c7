import Strata

/// `migrate dev` on a server without the dev database yet: it is created,
/// as Prisma Migrate does, from the server's `postgres` database.
enum PostgresDatabaseCreation {
    /// Creates the requested database unless it exists; whether it did.
    ///
    /// - Throws: ``ConnectionError`` when the server cannot be reached or
    ///   refuses the new database (the user lacks `CREATEDB`).
    static func createIfMissing(_ request: ConnectionRequest) async throws -> Bool {
        do {
            let session = try await PostgresSession.connect(request)
            await session.close()
            return false
        } catch let error as DatabaseError where PostgresShadowDatabase.isMissingDatabase(error) {
            let admin = try await PostgresShadowDatabase.connectToServer(request)
            let name = request.url.databaseName
            do {
                try await admin.execute("CREATE DATABASE \(PostgresDialect().quoteIdentifier(name))")
                await admin.close()
                return true
            } catch let error as DatabaseError {
                await admin.close()
                throw ConnectionError(target: request.url.description, underlying: error, during: "creating the dev database \(name)")
            }
        } catch let error as DatabaseError {
            throw ConnectionError(target: request.url.description, underlying: error)
        }
    }
}
