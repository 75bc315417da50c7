/// Replays migration scripts on a shadow database, statement by
/// statement, without history or lock: all that matters is the schema
/// they leave.
struct ShadowReplay {
    let session: any Database

    /// Runs every migration's script in order.
    ///
    /// - Throws: ``ShadowReplayError`` naming the migration, the statement's
    ///   line and the database's message; ``MigrationFileError`` for a script that does not parse.
    func apply(_ migrations: [Migration]) async throws {
        for migration in migrations {
            try await apply(script: migration.up.contents, file: migration.up.path)
        }
    }

    /// What to do about a statement that fails, by where the script comes from.
    enum Origin {
        /// A migration, which must build from an empty database.
        case migration
        /// A schema file's SQL, applied on an empty shadow database.
        case schemaFile
        /// SQL Strata wrote (from a Prisma schema, or a new migration): a failure is Strata's bug.
        case generated
    }

    /// Runs one script, e.g. a generated migration or a schema's SQL.
    func apply(script: String, file: String, origin: Origin = .migration) async throws {
        let source = SourceText(script)
        let statements: [ScriptStatement]
        do {
            statements = try session.dialect.splitWithoutClassifying(script: script)
        } catch let error as ScriptSyntaxError {
            let location = error.byteOffset.map(source.location(ofByte:))
            throw MigrationFileError(
                path: file, location: location, problem: "\(session.dialect.name) cannot parse this: \(error.message)",
                nextStep: "fix the SQL" + (location.map { " at line \($0.line)" } ?? "") + (error.hint.map { ". " + $0 } ?? ""))
        }
        for statement in statements {
            do {
                try await session.execute(statement.sql)
            } catch let error as DatabaseError {
                throw ShadowReplayError(
                    file: file, line: source.location(ofByte: statement.byteOffset).line, statement: statement.sql, error: error,
                    origin: origin)
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
    var origin: ShadowReplay.Origin = .migration

    public var summary: String { "\(file):\(line): the statement fails on a fresh shadow database" }
    public var details: [String] {
        let shown = statement.count > 300 ? String(statement.prefix(300)) + "…" : statement
        return [shown, error.message] + [error.detail, error.hint].compactMap { $0 }
    }
    public var nextStep: String? {
        switch origin {
        case .migration:
            "fix the statement so the migrations build from an empty database (`strata migrate reset` on a dev database shows the same failure)"
        case .schemaFile:
            "fix the statement: the schema's SQL must build from an empty database, its files run in name order"
        case .generated:
            "report this as a Strata bug, with your schema and the statement"
        }
    }
}
