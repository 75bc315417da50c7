import Foundation
import Strata

/// A temporary database on the server of the requested one, for
/// `migrate diff` and `migrate dev`: created with a name no one else
/// uses, dropped afterwards with `WITH (FORCE)`.
enum PostgresShadowDatabase {
    /// A new, empty shadow; with `template`, a copy of that database.
    static func open(near request: ConnectionRequest, template: String? = nil) async throws -> ShadowDatabase {
        let admin = try await connectToServer(request)
        let name = "strata_shadow_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let dialect = PostgresDialect()
        let quoted = dialect.quoteIdentifier(name)
        do {
            try await admin.execute("CREATE DATABASE \(quoted)" + (template.map { " TEMPLATE \(dialect.quoteIdentifier($0))" } ?? ""))
        } catch let error as DatabaseError where template != nil {
            await admin.close()
            throw error
        } catch let error as DatabaseError {
            await admin.close()
            // Ctrl-C cancels the statement: that is an interruption, not a refusal.
            if Task.isCancelled { throw CancellationError() }
            throw ShadowDatabaseError(
                summary: "PostgreSQL refused to create a shadow database on \(request.url.description)",
                details: [error.message],
                nextStep: error.code == "42501"
                    ? "grant the user CREATEDB (ALTER ROLE ... CREATEDB), or name an empty database Strata may use as the shadow: "
                        + "shadow_url in strata.toml, or shadowDatabaseUrl in schema.prisma's datasource"
                    : "check that the server accepts new databases")
        }
        var shadowRequest = request
        shadowRequest.url = request.url.naming(database: name)
        do {
            let session = try await PostgresSession.connect(shadowRequest)
            return ShadowDatabase(session: session, name: name) {
                try? await admin.execute("DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)")
                await admin.close()
            }
        } catch {
            try? await admin.execute("DROP DATABASE IF EXISTS \(quoted) WITH (FORCE)")
            await admin.close()
            throw error
        }
    }

    /// Whether connecting failed because the server has no database by the URL's name.
    static func isMissingDatabase(_ error: DatabaseError) -> Bool {
        error.code == "3D000" || (error.message.contains("database") && error.message.contains("does not exist"))
    }

    /// A session on the requested database, or on `postgres` when that one
    /// does not exist yet.
    static func connectToServer(_ request: ConnectionRequest) async throws -> PostgresSession {
        do {
            return try await PostgresSession.connect(request)
        } catch let error as DatabaseError where isMissingDatabase(error) {
            var fallback = request
            fallback.url = request.url.naming(database: "postgres")
            do {
                return try await PostgresSession.connect(fallback)
            } catch let fallbackError as DatabaseError {
                throw ConnectionError(target: request.url.description, underlying: fallbackError, during: "opening a shadow database")
            }
        } catch let error as DatabaseError {
            throw ConnectionError(target: request.url.description, underlying: error, during: "opening a shadow database")
        }
    }
}
