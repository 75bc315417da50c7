/// A scratch database that lives for one command: where the migrations
/// are replayed (or a schema file applied) to read the schema they make.
/// PostgreSQL creates a temporary database on the server and drops it
/// afterwards; SQLite opens one in memory.
public struct ShadowDatabase: Sendable {
    /// A session on the scratch database.
    public let session: any Database
    /// The database's name on its server (PostgreSQL), for a snapshot to copy it.
    public let name: String?
    private let discardAction: @Sendable () async -> Void

    public init(session: any Database, name: String? = nil, discard: @escaping @Sendable () async -> Void) {
        self.session = session
        self.name = name
        self.discardAction = discard
    }

    /// The same scratch database through a new session (after the old one was closed).
    public func replacing(session: any Database) -> ShadowDatabase {
        ShadowDatabase(session: session, name: name, discard: discardAction)
    }

    /// Closes the session and removes the database. Never throws: a
    /// shadow that cannot be dropped is left for the server's owner, named
    /// by the driver's log.
    public func discard() async {
        await session.close()
        await discardAction()
    }
}

extension DatabaseDriver {
    /// Runs `body` on a new shadow database next to the one `request`
    /// names, and removes it afterwards, also when `body` throws or the
    /// task is cancelled.
    ///
    /// - Throws: ``ShadowDatabaseError`` when the driver cannot make one, or
    ///   the server refuses (no `CREATEDB` privilege).
    public func withShadowDatabase<T: Sendable>(
        near request: ConnectionRequest, _ body: (any Database) async throws -> T
    ) async throws -> T {
        guard let openShadow else {
            throw ShadowDatabaseError(summary: "\(name) cannot make a shadow database", nextStep: "use PostgreSQL or SQLite")
        }
        let shadow = try await openShadow(request)
        do {
            let result = try await body(shadow.session)
            await shadow.discard()
            return result
        } catch {
            await shadow.discard()
            throw error
        }
    }
}

/// A shadow database could not be made.
public struct ShadowDatabaseError: StrataError {
    public var summary: String
    public var details: [String] = []
    public var nextStep: String?

    public init(summary: String, details: [String] = [], nextStep: String? = nil) {
        self.summary = summary
        self.details = details
        self.nextStep = nextStep
    }
}
