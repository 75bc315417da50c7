import Foundation
import Strata
import Synchronization

/// An SQLite connection for async code: SQLite's calls block, so the
/// connection lives on a thread of its own (``ConnectionThread``), and a task
/// cancelled while its statement runs interrupts it (`sqlite3_interrupt`).
///
/// ```swift
/// let connection = try await SQLiteConnection.open(path: "app.db", create: true)
/// let rows = try await connection.query("SELECT 1 AS one")
/// await connection.close()
/// ```
final class SQLiteConnection: Sendable {
    /// Which call runs now, and which one was asked to stop.
    private struct Calls {
        var next: UInt64 = 0
        var running: UInt64?
        var interrupted: UInt64?
    }

    private let thread: ConnectionThread
    private let handle: SQLiteHandle
    private let calls = Mutex(Calls())
    private let closed = Atomic<Bool>(false)

    private init(thread: ConnectionThread, handle: SQLiteHandle) {
        self.thread = thread
        self.handle = handle
    }

    deinit {
        if !closed.load(ordering: .relaxed) {
            let handle = handle
            thread.enqueue { handle.close() }
            thread.finish()
        }
    }

    /// Opens the file (`:memory:` for a private in-memory database) on a new thread.
    static func open(path: String, create: Bool) async throws -> SQLiteConnection {
        let thread = ConnectionThread(name: "strata-sqlite")
        do {
            let handle = try await thread.run { try SQLiteHandle.open(path: path, create: create) }
            return SQLiteConnection(thread: thread, handle: handle)
        } catch {
            thread.finish()
            throw error
        }
    }

    /// Runs `body` on the connection's thread. A task cancelled while `body`
    /// runs interrupts its statement; a call that starts in an already
    /// cancelled task runs to its end (the `ROLLBACK`, the failed history
    /// row and the lock release after a cancellation).
    func perform<T: Sendable>(_ body: @escaping @Sendable (SQLiteHandle) throws -> T) async throws -> T {
        let call = calls.withLock { state in
            state.next += 1
            return state.next
        }
        let startedCancelled = Task.isCancelled
        let handle = handle
        return try await withTaskCancellationHandler {
            try await thread.run { [self] in
                let stopped = calls.withLock { state in
                    state.running = call
                    return state.interrupted == call
                }
                defer { calls.withLock { $0.running = nil } }
                if stopped { throw DatabaseError(kind: .statement, message: "interrupted", code: "SQLITE_INTERRUPT") }
                return try body(handle)
            }
        } onCancel: { [self] in
            guard !startedCancelled else { return }
            calls.withLock { state in
                state.interrupted = call
                if state.running == call { handle.interrupt() }
            }
        }
    }

    /// Runs every statement of `sql`, discarding rows.
    func execute(_ sql: String) async throws {
        try await perform { try $0.run(sql) }
    }

    /// The rows of `sql`'s statements.
    func query(_ sql: String) async throws -> [DatabaseRow] {
        try await perform { handle in
            var rows: [DatabaseRow] = []
            try handle.run(sql) { rows.append($0) }
            return rows
        }
    }

    func query(_ sql: String, parameters: [DatabaseValue]) async throws -> [DatabaseRow] {
        try await perform { handle in
            var rows: [DatabaseRow] = []
            try handle.run(sql, parameters: parameters) { rows.append($0) }
            return rows
        }
    }

    /// Runs one statement with its parameters bound; returns how many rows it changed.
    func execute(_ sql: String, parameters: [DatabaseValue]) async throws -> Int {
        try await perform { handle in
            try handle.run(sql, parameters: parameters)
            return handle.changedRows
        }
    }

    /// Closes the connection and ends its thread.
    func close() async {
        guard !closed.exchange(true, ordering: .relaxed) else { return }
        let handle = handle
        _ = try? await thread.run { handle.close() }
        thread.finish()
    }
}
