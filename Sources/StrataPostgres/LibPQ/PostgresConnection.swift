import Foundation
import Strata
import Synchronization

/// A libpq connection for async code: it lives on a thread of its own (see
/// ``ConnectionThread``), and a cancelled task cancels its statement on the
/// server.
///
/// ```swift
/// let connection = try await PostgresConnection.open(ConnectionParameters(request))
/// let rows = try await connection.query("SELECT 1 AS one")
/// await connection.close()
/// ```
final class PostgresConnection: Sendable {
    private let thread: ConnectionThread
    private let connection: LibPQConnection
    private let signal: CancelSignal
    private let closed = Atomic<Bool>(false)

    /// The database user the session runs as.
    var user: String { connection.user }

    private init(thread: ConnectionThread, connection: LibPQConnection, signal: CancelSignal) {
        self.thread = thread
        self.connection = connection
        self.signal = signal
    }

    deinit {
        if !closed.load(ordering: .relaxed) {
            let connection = connection
            thread.enqueue { connection.finish() }
            thread.finish()
        }
    }

    /// Connects on a new thread. A cancelled task stops waiting at once; the
    /// connection, should it still open, is closed on its thread.
    static func open(_ parameters: ConnectionParameters) async throws -> PostgresConnection {
        let signal = try CancelSignal()
        let thread = ConnectionThread(name: "strata-postgres")
        let waiter = Mutex<CheckedContinuation<PostgresConnection, any Error>?>(nil)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                waiter.withLock { $0 = continuation }
                thread.enqueue {
                    let result = Result { try LibPQConnection.connect(parameters, signal: signal) }
                    guard let continuation = waiter.withLock({ $0.take() }) else {
                        // Cancelled meanwhile: nobody will use it.
                        if case .success(let connection) = result { connection.finish() }
                        thread.finish()
                        return
                    }
                    switch result {
                    case .success(let connection):
                        continuation.resume(returning: PostgresConnection(thread: thread, connection: connection, signal: signal))
                    case .failure(let error):
                        thread.finish()
                        continuation.resume(throwing: error)
                    }
                }
                if Task.isCancelled { waiter.withLock { $0.take() }?.resume(throwing: CancellationError()) }
            }
        } onCancel: {
            waiter.withLock { $0.take() }?.resume(throwing: CancellationError())
        }
    }

    /// Runs `body` on the connection's thread. If the calling task is
    /// cancelled while `body` waits for the server, the statement is
    /// cancelled there. A call that starts in an already cancelled task runs
    /// to its end: that is the bookkeeping after a cancellation (`ROLLBACK`,
    /// the failed history row, releasing the lock).
    func perform<T: Sendable>(_ body: @escaping @Sendable (LibPQConnection, UInt64) throws -> T) async throws -> T {
        let call = signal.newCall()
        let startedCancelled = Task.isCancelled
        let connection = connection
        return try await withTaskCancellationHandler {
            try await thread.run { try body(connection, call) }
        } onCancel: { [signal] in
            if !startedCancelled { signal.request(call) }
        }
    }

    /// Runs statements sent as one message; throws ``DatabaseError``, or
    /// ``LibPQConnection/StatementFailure`` naming the statement that failed.
    func run(_ sql: String) async throws {
        try await perform { connection, call in try connection.run(sql, call: call) }
    }

    /// The rows of one statement; throws ``DatabaseError``.
    func query(_ sql: String, parameters: [String?]? = nil) async throws -> [DatabaseRow] {
        try await perform { connection, call in
            var rows: [DatabaseRow] = []
            let isoDates = connection.writesISODates
            let keep = { (_: Int, result: OpaquePointer) in rows = ResultRows.decode(result, isoDates: isoDates, with: connection.pq) }
            do {
                if let parameters {
                    try connection.run(sql, parameters: parameters, call: call, onRows: keep)
                } else {
                    try connection.run(sql, call: call, onRows: keep)
                }
            } catch let failure as LibPQConnection.StatementFailure {
                throw failure.error
            }
            return rows
        }
    }

    /// Runs one statement with bind parameters; returns how many rows it
    /// changed (the count of its command tag: `UPDATE 1000` is 1000).
    func execute(_ sql: String, parameters: [String?]) async throws -> Int {
        try await perform { connection, call in
            do {
                return try connection.runCountingChanges(sql, parameters: parameters, call: call)
            } catch let failure as LibPQConnection.StatementFailure {
                throw failure.error
            }
        }
    }

    /// Runs statements with their parameters in one round trip; returns each
    /// one's rows and changed rows.
    func executePipelined(_ statements: [LibPQConnection.Statement]) async throws -> [StatementResult] {
        try await perform { connection, call in
            let isoDates = connection.writesISODates
            var rows = [[DatabaseRow]](repeating: [], count: statements.count)
            let changed = try connection.runPipelined(statements, call: call) { index, result in
                rows[index] = ResultRows.decode(result, isoDates: isoDates, with: connection.pq)
            }
            return zip(rows, changed).map { StatementResult(rows: $0, changedRows: $1) }
        }
    }

    /// Runs `COPY ... FROM STDIN` with the data `produce` writes, on the
    /// connection's thread; returns the number of rows copied.
    func copyIn(_ sql: String, produce: @escaping @Sendable (CopyWriter) throws -> Void) async throws -> Int {
        try await perform { connection, call in
            do {
                return try connection.copyIn(sql, call: call, produce: produce)
            } catch let failure as LibPQConnection.StatementFailure {
                throw failure.error
            }
        }
    }

    /// Closes the connection and ends its thread.
    func close() async {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        let connection = connection
        _ = try? await thread.run { connection.finish() }
        thread.finish()
    }
}
