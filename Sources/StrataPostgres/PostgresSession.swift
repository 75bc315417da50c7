import Foundation
import Strata
import Synchronization

/// One connection to a PostgreSQL server through libpq, with Strata's lock
/// and catalog queries.
final class PostgresSession: DatabaseSession, Sendable {
    let connection: PostgresConnection
    let dialect: any Dialect = PostgresDialect()
    let user: String
    let schema: String?
    /// The advisory lock this session holds, if any: its key, and the
    /// server session (backend pid) that took it.
    let heldLock = Mutex<(key: Int64, backend: Int64)?>(nil)
    /// The named locks this session holds, each with the server session that took it.
    let heldNamedLocks = Mutex<[String: Int64]>([:])

    /// What the connection was opened with: programs that connect on their
    /// own (`pg_dump`) get it as libpq's environment variables.
    let parameters: ConnectionParameters

    private init(connection: PostgresConnection, schema: String, parameters: ConnectionParameters) {
        self.connection = connection
        self.user = connection.user
        self.schema = schema
        self.parameters = parameters
    }

    /// Connects, and learns the target schema from the server when the URL names none.
    static func connect(_ request: ConnectionRequest) async throws -> PostgresSession {
        let parameters = try ConnectionParameters(request)
        let connection = try await PostgresConnection.open(parameters)
        guard let schema = parameters.schema else {
            do {
                let current = try await connection.query("SELECT current_schema() AS schema").first?["schema"].string
                return PostgresSession(connection: connection, schema: current ?? "public", parameters: parameters)
            } catch {
                await connection.close()
                throw error
            }
        }
        return PostgresSession(connection: connection, schema: schema, parameters: parameters)
    }

    func execute(_ sql: String) async throws {
        do {
            try await connection.run(sql)
        } catch let failure as LibPQConnection.StatementFailure {
            throw failure.error
        }
    }

    func query(_ sql: String) async throws -> [DatabaseRow] {
        try await connection.query(sql)
    }

    /// Runs one statement with bind parameters `$1`, `$2`, ..., sent apart
    /// from the SQL (never spliced into it); returns its rows.
    ///
    /// ```swift
    /// let rows = try await session.query("SELECT id FROM users WHERE id > $1 ORDER BY id LIMIT $2",
    ///                                    parameters: [.integer(lastID), .integer(1000)])
    /// ```
    func query(_ sql: String, parameters: [DatabaseValue]) async throws -> [DatabaseRow] {
        try await connection.query(sql, parameters: parameters.map(\.postgresText))
    }

    func execute(_ sql: String, parameters: [DatabaseValue]) async throws -> Int {
        try await connection.execute(sql, parameters: parameters.map(\.postgresText))
    }

    /// Every statement goes to the server before any answer is read (libpq's
    /// pipeline mode): a whole transaction of bound statements in one round
    /// trip. A repeated statement is prepared the first time, in the same
    /// round trip, and run by name after that.
    func executePipeline(_ statements: [BoundStatement]) async throws -> [StatementResult] {
        do {
            return try await connection.executePipelined(statements.map {
                LibPQConnection.Statement(sql: $0.sql, parameters: $0.parameters.map(\.postgresText), repeated: $0.isRepeated)
            })
        } catch let failure as LibPQConnection.StatementFailure {
            throw StatementBatchError(index: failure.index, error: failure.error)
        }
    }

    /// Runs `COPY table (columns) FROM STDIN` with the rows `produce` writes
    /// (text format unless the statement says otherwise); returns how many
    /// rows the server copied.
    ///
    /// ```swift
    /// let count = try await session.copyIn("COPY users (id, name) FROM STDIN") { writer in
    ///     for (id, name) in people { try writer.write("\(id)\t\(name)\n") }
    /// }
    /// ```
    func copyIn(_ sql: String, produce: @escaping @Sendable (CopyWriter) throws -> Void) async throws -> Int {
        try await connection.copyIn(sql, produce: produce)
    }

    /// A whole transaction, `BEGIN` to `COMMIT`, goes to the server as one
    /// simple-protocol message: one round trip, and the server stops at the
    /// first statement that fails (the rest are skipped, the transaction is
    /// aborted). Any other batch runs statement by statement, since a
    /// message of several statements without `BEGIN` would be one implicit
    /// transaction.
    func executeBatch(_ statements: [String]) async throws {
        guard statements.first == dialect.beginTransactionSQL, statements.count > 1 else {
            for (index, statement) in statements.enumerated() {
                do {
                    try await execute(statement)
                } catch let error as DatabaseError {
                    throw StatementBatchError(index: index, error: error)
                }
            }
            return
        }
        let message = BatchMessage(statements)
        do {
            try await connection.run(message.text)
        } catch let failure as LibPQConnection.StatementFailure {
            throw StatementBatchError(index: failure.index, error: message.relativeToStatement(failure))
        }
    }

    func close() async {
        await connection.close()
    }
}

extension String {
    /// Two hex digits.
    fileprivate var leftPaddedHex: String { count == 1 ? "0" + self : self }
}

extension DatabaseValue {
    /// The value as PostgreSQL reads a text parameter; `nil` for `NULL`.
    var postgresText: String? {
        switch self {
        case .null: nil
        case .integer(let value): String(value)
        case .real(let value) where value.isNaN: "NaN"
        case .real(let value) where value.isInfinite: value < 0 ? "-Infinity" : "Infinity"
        case .real(let value): String(value)
        case .text(let value): value
        case .boolean(let value): value ? "true" : "false"
        case .timestamp(let value): Timestamp.formatWithZone(value)
        case .blob(let bytes): "\\x" + bytes.map { String($0, radix: 16).leftPaddedHex }.joined()
        }
    }
}
