/// Replays migration scripts on a shadow database, statement by
/// statement, without history or lock: all that matters is the schema
/// they leave.
struct ShadowReplay {
    let session: any Database

    /// Runs every migration's script in order.
    ///
    /// - Throws: ``ShadowReplayError`` naming the migration, the statement's
    ///   line and the database's message.
    func apply(_ migrations: [Migration]) async throws {
        for migration in migrations {
            try await apply(script: migration.up.contents, file: migration.up.path)
        }
    }

    /// Runs one script, e.g. a generated migration or a schema's SQL.
    func apply(script: String, file: String) async throws {
        let statements = try session.dialect.splitWithoutClassifying(script: script)
        let source = SourceText(script)
        for statement in statements {
            do {
                try await session.execute(statement.sql)
            } catch let error as DatabaseError {
                throw ShadowReplayError(
                    file: file, line: source.location(ofByte: statement.byteOffset).line, statement: statement.sql, error: error)
            }
        }
    }
}

/// A migration that fails on a fresh database: the history does not
/// build, so nothing can be compared with it.
public struct ShadowReplayError: StrataError {
    public var file: String
    public var line: Int
    public var statement: String
    public var error: DatabaseError

    public var summary: String { "\(file):\(line): the statement fails on a fresh shadow database" }
    public var details: [String] {
        let shown = statement.count > 300 ? String(statement.prefix(300)) + "…" : statement
        return [shown, error.message] + [error.detail, error.hint].compactMap { $0 }
    }
    public var nextStep: String? {
        "fix the statement so the migrations build from an empty database (`strata migrate reset` on a dev database shows the same failure)"
    }
}
