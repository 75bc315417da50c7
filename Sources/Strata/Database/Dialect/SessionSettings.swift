/// The session state the engine sets and puts back between migrations.
public protocol SessionSettings: Sendable {
    /// The statement that lets the current transaction's commit return
    /// before its flush to disk (PostgreSQL `SET LOCAL synchronous_commit =
    /// off`), or `nil` where there is no such setting. Strata defers the
    /// flush for every transactional migration of a run but the last, whose
    /// flushed commit then makes all earlier ones durable: a crash can only
    /// lose a suffix of whole migrations together with their history rows,
    /// and a run reports success only once everything is on disk. The
    /// setting ends with its transaction, so nothing leaks to the session (or,
    /// behind a connection pooler, to another client).
    var deferredFlushSQL: String? { get }

    /// The statements that put a session back to how a new connection has
    /// it, keeping session-level locks (the migration lock): what runs
    /// between a migration that changed the session and the next. Empty
    /// where the database has no such state to reset.
    var sessionResetSQL: [String] { get }

    /// The statement that limits how long statements wait for a lock
    /// (PostgreSQL `lock_timeout`), for the session or, with
    /// `inTransaction`, until the current transaction ends; a `nil` timeout
    /// puts the session's default back. Returns `nil` where the database has
    /// no such setting (SQLite waits by its busy timeout).
    func lockTimeoutSQL(_ timeout: Duration?, inTransaction: Bool) -> String?

    /// The statement that cancels any statement of the current transaction
    /// running longer than `timeout` (PostgreSQL `SET LOCAL
    /// statement_timeout`), or `nil` where the database has no such setting.
    func statementTimeoutSQL(_ timeout: Duration) -> String?
}

extension SessionSettings {
    public var sessionResetSQL: [String] { [] }
    public func statementTimeoutSQL(_ timeout: Duration) -> String? { nil }
}
