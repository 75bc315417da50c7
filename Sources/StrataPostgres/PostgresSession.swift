import Foundation
import Logging
import NIOCore
import PostgresNIO
import Strata
import Synchronization

/// One connection to a PostgreSQL server, with Strata's lock and catalog queries.
final class PostgresSession: DatabaseSession, Sendable {
    let connection: PostgresConnection
    let dialect: any Dialect = PostgresDialect()
    let user: String
    let schema: String?
    /// The advisory lock key this session holds, if any.
    let heldLockKey = Mutex<Int64?>(nil)

    static let logger = Logger(label: "strata.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(connection: PostgresConnection, user: String, schema: String) {
        self.connection = connection
        self.user = user
        self.schema = schema
    }

    /// Connects, and learns the target schema from the server when the URL names none.
    static func connect(_ request: ConnectionRequest) async throws -> PostgresSession {
        let settings = try PostgresConnectionSettings(request)
        let connection: PostgresConnection
        do {
            connection = try await PostgresConnection.connect(
                configuration: settings.configuration, id: 1, logger: logger)
        } catch let error as PSQLError {
            throw DatabaseError(postgres: error)
        } catch {
            throw DatabaseError(kind: .connection, message: String(describing: error))
        }
        var schema = settings.schema
        if schema == nil {
            let session = PostgresSession(connection: connection, user: settings.user, schema: "public")
            do {
                schema = try await session.query("SELECT current_schema() AS schema").first?["schema"].string
            } catch {
                try? await connection.close()
                throw error
            }
        }
        return PostgresSession(connection: connection, user: settings.user, schema: schema ?? "public")
    }

    func execute(_ sql: String) async throws {
        _ = try await run(sql)
    }

    func query(_ sql: String) async throws -> [DatabaseRow] {
        let rows = try await run(sql)
        guard let first = rows.first else { return [] }
        let columns = first.map(\.columnName)
        return rows.map { row in
            var values: [DatabaseValue] = []
            values.reserveCapacity(columns.count)
            for cell in row { values.append(Self.value(of: cell)) }
            return DatabaseRow(columns: columns, values: values)
        }
    }

    /// Hands every statement to the connection before awaiting any answer:
    /// postgres-nio queues them and sends each as soon as the previous one
    /// completes, without waking this task in between. (Each statement still
    /// takes a round trip: postgres-nio ends every query with its own Sync.)
    func executeBatch(_ statements: [String]) async throws {
        let answers = statements.map { connection.query(PostgresQuery(unsafeSQL: $0), logger: Self.logger) }
        // One wake-up for the whole batch, once every answer is in.
        let results = try await EventLoopFuture.whenAllComplete(answers, on: connection.eventLoop).get()
        for (index, result) in results.enumerated() {
            guard case .failure(let error) = result else { continue }
            guard let error = error as? PSQLError else { throw error }
            throw StatementBatchError(index: index, error: DatabaseError(postgres: error))
        }
    }

    /// Runs one statement and collects its rows on the event loop, in one
    /// piece: cheaper than iterating them as an async sequence.
    private func run(_ sql: String) async throws -> [PostgresRow] {
        do {
            return try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger).get().rows
        } catch let error as PSQLError {
            throw DatabaseError(postgres: error)
        }
    }

    func close() async {
        try? await connection.close()
    }

    /// PostgreSQL's binary format read directly for the types history rows
    /// use; anything else through postgres-nio's decoders.
    private static func value(of cell: PostgresCell) -> DatabaseValue {
        guard var bytes = cell.bytes else { return .null }
        if cell.format == .binary {
            switch cell.dataType {
            case .text, .varchar, .name, .bpchar:
                return .text(String(buffer: bytes))
            case .int8:
                if let value = bytes.readInteger(as: Int64.self) { return .integer(value) }
            case .int4:
                if let value = bytes.readInteger(as: Int32.self) { return .integer(Int64(value)) }
            case .bool:
                if let value = bytes.readInteger(as: UInt8.self) { return .boolean(value != 0) }
            case .timestamptz, .timestamp:
                // Microseconds since 2000-01-01 00:00:00 UTC.
                if let microseconds = bytes.readInteger(as: Int64.self) {
                    return .timestamp(Date(timeIntervalSince1970: 946_684_800 + Double(microseconds) / 1_000_000))
                }
            default:
                break
            }
        }
        switch cell.dataType {
        case .int2, .int4, .int8, .oid:
            return (try? cell.decode(Int64.self)).map(DatabaseValue.integer) ?? .null
        case .float4, .float8:
            return (try? cell.decode(Double.self)).map(DatabaseValue.real) ?? .null
        case .bool:
            return (try? cell.decode(Bool.self)).map(DatabaseValue.boolean) ?? .null
        case .timestamptz, .timestamp:
            return (try? cell.decode(Date.self)).map(DatabaseValue.timestamp) ?? .null
        default:
            return (try? cell.decode(String.self)).map(DatabaseValue.text) ?? .null
        }
    }
}

extension DatabaseError {
    /// The server's own words when it sent an error, else what the client saw.
    init(postgres error: PSQLError) {
        guard let info = error.serverInfo else {
            let underlying = error.underlying.map { String(describing: $0) } ?? ""
            let hint: String? =
                if underlying.contains("CERTIFICATE_VERIFY_FAILED") {
                    "the server's TLS certificate is not trusted: add sslrootcert=/path/to/ca.crt to the URL, "
                        + "or use sslmode=require to encrypt without verifying the server"
                } else if underlying.contains("Connection refused") {
                    "nothing listens on that host and port: is the server running?"
                } else {
                    nil
                }
            self.init(kind: .connection, message: underlying.isEmpty ? "\(error.code)" : "\(error.code): \(underlying)", hint: hint)
            return
        }
        let code = info[.sqlState]
        let kind: Kind = switch code {
        case "55P03": .lockNotAvailable
        case let code? where code.hasPrefix("08") || code.hasPrefix("28") || code == "3D000": .connection
        default: .statement
        }
        self.init(
            kind: kind, message: info[.message] ?? "unknown error", code: code, detail: info[.detail],
            hint: info[.hint], position: info[.position].flatMap { Int($0) }, context: info[.locationContext])
    }
}
