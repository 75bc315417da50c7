/// The statements one connection has prepared on its server session, by
/// their text, so that a statement sent many times is parsed once.
///
/// Names carry a random part of the connection's own: behind a pooler in
/// transaction mode (PgBouncer before 1.21) the next transaction may reach a
/// server session where another client prepared statements, and there a
/// name must never mean someone else's statement. Such a session does not
/// know this connection's names; the server says so (SQLSTATE `26000`),
/// and the connection stops preparing (``stopPreparing()``).
struct PreparedStatements {
    /// How a statement goes out.
    enum Plan {
        /// As one unnamed statement, parsed each time.
        case unnamed
        /// Prepared under this name first, in the same round trip.
        case prepareThenRun(String)
        /// Run by the name it was prepared under.
        case run(String)
    }

    /// The SQLSTATE of a name the server session does not know.
    static let unknownNameCode = "26000"
    /// At most this many statements are kept prepared; any further one goes unnamed.
    static let capacity = 64

    private var names: [String: String] = [:]
    private let prefix = "strata_" + String(UInt64.random(in: .min ... .max), radix: 36) + "_"
    private var isStopped = false
    private var preparedCount = 0

    /// How to send `sql`, which the caller runs `repeated`ly or not. A name
    /// handed out with ``Plan/prepareThenRun(_:)`` counts as prepared until
    /// ``forget(_:)`` says its preparation failed.
    mutating func plan(for sql: String, repeated: Bool) -> Plan {
        guard repeated, !isStopped else { return .unnamed }
        if let name = names[sql] { return .run(name) }
        guard names.count < Self.capacity else { return .unnamed }
        preparedCount += 1
        let name = prefix + String(preparedCount)
        names[sql] = name
        return .prepareThenRun(name)
    }

    /// The preparation of `sql` did not happen (it failed, or the pipeline was aborted before it).
    mutating func forget(_ sql: String) {
        names[sql] = nil
    }

    /// The server session does not know this connection's names (a pooler
    /// handed another one over): every statement goes unnamed from now on.
    mutating func stopPreparing() {
        names = [:]
        isStopped = true
    }
}
