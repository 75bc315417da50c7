import CLibPQ
import Foundation
import Strata
#if canImport(Glibc)
import Glibc
#endif

/// One libpq connection, driven only from its ``ConnectionThread``: a libpq
/// connection must not be used by two threads at once.
///
/// Every command goes out with libpq's asynchronous calls (`PQsendQuery`, then
/// `PQgetResult` until it returns `NULL`), and the thread waits for the
/// server in `poll(2)` on the socket and the ``CancelSignal``: a cancelled
/// task's statement is cancelled on the server too (`PQcancel`), and a
/// connection the server closed is an error at once.
final class LibPQConnection: @unchecked Sendable {
    /// libpq's functions.
    let pq: StrataLibPQ
    let handle: OpaquePointer
    private let canceller: OpaquePointer?
    private let signal: CancelSignal
    /// What this connection has prepared on the server; used only on the connection's thread.
    private var prepared = PreparedStatements()

    /// The database user the session runs as.
    let user: String

    /// A statement of a command that failed, and how.
    struct StatementFailure: Error {
        /// Its position among the command's statements.
        let index: Int
        let error: DatabaseError
    }

    /// Connects, blocking for as long as libpq takes (`connect_timeout`
    /// bounds each host it tries).
    ///
    /// - Throws: ``DatabaseError`` (kind `.connection`) in libpq's words with
    ///   Strata's next step, or ``ConfigurationError`` for a parameter value
    ///   libpq refuses.
    static func connect(_ parameters: ConnectionParameters, signal: CancelSignal) throws -> LibPQConnection {
        let pq = try LibPQ.functions()
        let handle = parameters.withCArrays { keywords, values in pq.PQconnectdbParams(keywords, values, 0) }
        guard let handle else { throw DatabaseError(kind: .connection, message: "libpq could not allocate a connection") }
        guard pq.PQstatus(handle) == CONNECTION_OK else {
            let message = String(libpq: pq.PQerrorMessage(handle))
            pq.PQfinish(handle)
            throw ConnectionFailure.error(libpqMessage: message)
        }
        // libpq prints notices to stderr unless told otherwise; migrations' NOTICEs are not Strata's output.
        _ = pq.PQsetNoticeReceiver(handle, { _, _ in }, nil)
        return LibPQConnection(pq: pq, handle: handle, signal: signal)
    }

    private init(pq: StrataLibPQ, handle: OpaquePointer, signal: CancelSignal) {
        self.pq = pq
        self.handle = handle
        self.signal = signal
        canceller = pq.PQgetCancel(handle)
        user = String(libpq: pq.PQuser(handle))
    }

    /// Closes the connection (libpq says goodbye to the server).
    func finish() {
        if let canceller { pq.PQfreeCancel(canceller) }
        pq.PQfinish(handle)
    }

    /// Whether the server writes dates in ISO style, which ``ResultRows`` reads as timestamps.
    var writesISODates: Bool {
        guard let style = pq.PQparameterStatus(handle, "DateStyle") else { return false }
        return String(cString: style).hasPrefix("ISO")
    }

    // MARK: - Commands

    /// Sends `sql`, one statement or several separated by `;`, as one
    /// simple-protocol message, and reads every result; `onRows` gets each
    /// statement's rows. The server stops at the first statement that fails:
    /// that one is thrown as ``StatementFailure``, its index counted from the
    /// results before it, once the connection is ready for the next command.
    func run(_ sql: String, call: UInt64, onRows: (Int, OpaquePointer) -> Void = { _, _ in }) throws {
        try send { pq.PQsendQuery($0, sql) }
        try collect(call: call, onRows: onRows)
    }

    /// Runs one statement with bind parameters (`$1`, `$2`, ...) sent apart
    /// from the SQL as text, `nil` for `NULL`; the server infers their types
    /// (write `$1::uuid` where it cannot).
    func run(_ sql: String, parameters: [String?], call: UInt64, onRows: (Int, OpaquePointer) -> Void = { _, _ in }) throws {
        try send(sql, parameters: parameters)
        try collect(call: call, onRows: onRows)
    }

    /// Sends one statement with its parameters (extended protocol), without reading its result.
    private func send(_ sql: String, parameters: [String?]) throws {
        try send(Statement(sql: sql, parameters: parameters, repeated: false), as: .unnamed)
    }

    /// A statement with its bind parameters as text (`nil` for `NULL`); one
    /// sent `repeated`ly is prepared on the server once (see ``PreparedStatements``).
    struct Statement {
        let sql: String
        let parameters: [String?]
        let repeated: Bool
    }

    /// Sends `statement` as `plan` says, without reading the answer; a
    /// preparation goes first and is answered apart.
    private func send(_ statement: Statement, as plan: PreparedStatements.Plan) throws {
        let copies = statement.parameters.map { $0.map { strdup($0) } ?? nil }
        defer { copies.forEach { free($0) } }
        let values = copies.map { UnsafePointer($0) }
        let count = Int32(values.count)
        try values.withUnsafeBufferPointer { values in
            switch plan {
            case .unnamed:
                try send { pq.PQsendQueryParams($0, statement.sql, count, nil, values.baseAddress, nil, nil, 0) }
            case .prepareThenRun(let name):
                try send { pq.PQsendPrepare($0, name, statement.sql, count, nil) }
                try send { pq.PQsendQueryPrepared($0, name, count, values.baseAddress, nil, nil, 0) }
            case .run(let name):
                try send { pq.PQsendQueryPrepared($0, name, count, values.baseAddress, nil, nil, 0) }
            }
        }
    }

    /// Sends every statement before reading any answer (libpq's pipeline
    /// mode: one round trip for all of them) and returns each one's changed
    /// rows, and each result to `onResult` (statement index, result). After a
    /// statement fails the server skips the rest; the failure
    /// is thrown as ``StatementFailure`` with its index once every answer is
    /// read. Inside `BEGIN` the transaction is then left aborted, for the
    /// caller to roll back.
    func runPipelined(_ statements: [Statement], call: UInt64, onResult: (Int, OpaquePointer) -> Void) throws -> [Int] {
        guard pq.PQenterPipelineMode(handle) == 1 else { throw lostConnection() }
        defer { _ = pq.PQexitPipelineMode(handle) }
        let plans = statements.map { prepared.plan(for: $0.sql, repeated: $0.repeated) }
        for (statement, plan) in zip(statements, plans) { try send(statement, as: plan) }
        guard pq.PQpipelineSync(handle) == 1 else { throw lostConnection() }
        var cancelSent = false
        var changed: [Int] = []
        var failure: StatementFailure?
        for (index, statement) in statements.enumerated() {
            if case .prepareThenRun = plans[index] {
                let preparation = try pipelinedAnswer(call: call, cancelSent: &cancelSent) { _ in }
                if case .done = preparation {} else { prepared.forget(statement.sql) }
                if case .failed(let error) = preparation, failure == nil { failure = StatementFailure(index: index, error: error) }
            }
            switch try pipelinedAnswer(call: call, cancelSent: &cancelSent, onResult: { onResult(index, $0) }) {
            case .done(let count):
                changed.append(count)
            case .skipped:
                changed.append(0)
            case .failed(let error):
                changed.append(0)
                if case .run = plans[index], error.code == PreparedStatements.unknownNameCode { prepared.stopPreparing() }
                if failure == nil { failure = StatementFailure(index: index, error: error) }
            }
        }
        // The answer to the sync ends the pipeline; an error before it is the implicit transaction's commit failing.
        while let result = nextResult(call: call, cancelSent: &cancelSent) {
            let status = pq.PQresultStatus(result)
            if status == PGRES_FATAL_ERROR, failure == nil { failure = StatementFailure(index: statements.count, error: error(of: result)) }
            pq.PQclear(result)
            if status == PGRES_PIPELINE_SYNC { break }
        }
        if let failure { throw failure }
        if pq.PQstatus(handle) != CONNECTION_OK { throw lostConnection() }
        return changed
    }

    /// How the server answered one command of a pipeline.
    private enum PipelinedAnswer {
        /// It ran, changing this many rows.
        case done(Int)
        /// The server skipped it after an earlier failure.
        case skipped
        case failed(DatabaseError)
    }

    /// Reads one pipelined command's results, up to the `NULL` that ends them.
    private func pipelinedAnswer(
        call: UInt64, cancelSent: inout Bool, onResult: (OpaquePointer) -> Void
    ) throws -> PipelinedAnswer {
        var answer: PipelinedAnswer?
        while let result = nextResult(call: call, cancelSent: &cancelSent) {
            defer { pq.PQclear(result) }
            switch pq.PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK:
                onResult(result)
                if case .failed = answer { continue }
                answer = .done(Int(String(libpq: pq.PQcmdTuples(result))) ?? 0)
            case PGRES_PIPELINE_ABORTED:
                answer = .skipped
            default:
                if case .failed = answer { continue }
                answer = .failed(error(of: result))
            }
        }
        guard let answer else { throw lostConnection() }
        return answer
    }

    /// Runs one statement with bind parameters; returns the row count of its
    /// command tag (`UPDATE 1000`), the rows it changed.
    func runCountingChanges(_ sql: String, parameters: [String?], call: UInt64) throws -> Int {
        var changed = 0
        try run(sql, parameters: parameters, call: call) { _, result in
            changed = Int(String(libpq: pq.PQcmdTuples(result))) ?? 0
        }
        return changed
    }

    /// Runs `COPY ... FROM STDIN`, sending what `produce` writes; returns the
    /// number of rows the server copied. When `produce` throws, the server
    /// is told the copy failed (nothing is copied) and the error is rethrown.
    func copyIn(_ sql: String, call: UInt64, produce: (CopyWriter) throws -> Void) throws -> Int {
        let cancelSent = try startCopy(sql, expecting: PGRES_COPY_IN, call: call, misuse: "copyIn runs COPY ... FROM STDIN statements only")
        do {
            try produce(CopyWriter(connection: self))
        } catch {
            _ = pq.PQputCopyEnd(handle, "the data source failed: \(error)")
            try? collect(call: call, cancelSent: cancelSent)
            throw error
        }
        guard pq.PQputCopyEnd(handle, nil) == 1 else { throw lostConnection() }
        var copied = 0
        try collect(call: call, cancelSent: cancelSent) { _, result in
            copied = Int(String(libpq: pq.PQcmdTuples(result))) ?? 0
        }
        return copied
    }

    /// Sends a `COPY` statement and reads the server's first answer, which
    /// must be `status` (the copy has begun); else the statement's error,
    /// or `misuse` when it was no such `COPY`. Returns whether a cancel
    /// was sent meanwhile, for collecting the rest.
    func startCopy(_ sql: String, expecting status: ExecStatusType, call: UInt64, misuse: String) throws -> Bool {
        try send { pq.PQsendQuery($0, sql) }
        var cancelSent = false
        guard let first = nextResult(call: call, cancelSent: &cancelSent) else {
            throw DatabaseError(kind: .statement, message: "the server returned nothing for the COPY statement")
        }
        let answer = pq.PQresultStatus(first)
        guard answer == status else {
            let failure = answer == PGRES_FATAL_ERROR ? error(of: first) : nil
            pq.PQclear(first)
            try? collect(call: call, cancelSent: cancelSent)
            throw failure ?? DatabaseError(kind: .statement, message: misuse)
        }
        pq.PQclear(first)
        return cancelSent
    }

    /// Sends one chunk of `COPY` data.
    fileprivate func putCopyData(_ bytes: UnsafeRawBufferPointer) throws {
        guard !bytes.isEmpty else { return }
        let sent = bytes.withMemoryRebound(to: CChar.self) { pq.PQputCopyData(handle, $0.baseAddress, Int32($0.count)) }
        guard sent == 1 else { throw lostConnection() }
    }

    // MARK: - Results

    func send(_ operation: (OpaquePointer) -> Int32) throws {
        guard operation(handle) == 1 else { throw lostConnection() }
    }

    /// Reads results until the command is complete.
    func collect(
        call: UInt64, cancelSent: Bool = false, onRows: (Int, OpaquePointer) -> Void = { _, _ in }
    ) throws {
        var cancelSent = cancelSent
        var index = 0
        var failure: StatementFailure?
        while let result = nextResult(call: call, cancelSent: &cancelSent) {
            defer { pq.PQclear(result) }
            switch pq.PQresultStatus(result) {
            case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY:
                onRows(index, result)
                index += 1
            case PGRES_COPY_IN:
                // A migration's `COPY ... FROM STDIN` has no data to read here (psql reads it from the file).
                _ = pq.PQputCopyEnd(handle, "Strata sends no data to COPY FROM STDIN; load data with COPY FROM a file, or INSERT")
            case PGRES_COPY_OUT:
                var buffer: UnsafeMutablePointer<CChar>?
                while pq.PQgetCopyData(handle, &buffer, 0) > 0 { pq.PQfreemem(buffer) }
            default:
                if failure == nil { failure = StatementFailure(index: index, error: error(of: result)) }
                index += 1
            }
        }
        if let failure { throw failure }
        if pq.PQstatus(handle) != CONNECTION_OK { throw lostConnection() }
    }

    /// The next result of the command in flight, or `nil` once it is complete.
    func nextResult(call: UInt64, cancelSent: inout Bool) -> OpaquePointer? {
        while pq.PQisBusy(handle) == 1 {
            let socket = pq.PQsocket(handle)
            guard socket >= 0 else { break }
            var descriptors = [
                pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
                pollfd(fd: signal.descriptor, events: Int16(POLLIN), revents: 0),
            ]
            if poll(&descriptors, 2, -1) < 0 {
                if errno == EINTR { continue }
                break
            }
            if descriptors[1].revents != 0, signal.isRequested(call), !cancelSent {
                cancelSent = true
                cancelOnServer()
            }
            // A closed connection: PQgetResult below hands over the error.
            if descriptors[0].revents != 0, pq.PQconsumeInput(handle) == 0 { break }
        }
        return pq.PQgetResult(handle)
    }

    /// Asks the server to cancel the statement running now. libpq waits until
    /// the server has taken the request, so it cannot hit a later command.
    private func cancelOnServer() {
        guard let canceller else { return }
        var message = [CChar](repeating: 0, count: 256)
        _ = pq.PQcancel(canceller, &message, Int32(message.count))
    }

    // MARK: - Errors

    /// The server's error in a result, classified for the engine.
    func error(of result: OpaquePointer) -> DatabaseError {
        func field(_ code: Character) -> String? {
            pq.PQresultErrorField(result, Int32(code.asciiValue!)).map { String(cString: $0) }
        }
        let connectionBroken = pq.PQstatus(handle) != CONNECTION_OK
        let code = field("C")
        guard let message = field("M") else {
            // No message from the server: libpq's own (a connection that broke).
            let text = ConnectionFailure.tidy(String(libpq: pq.PQresultErrorMessage(result)))
            return DatabaseError(
                kind: connectionBroken ? .connection : .statement, message: text.isEmpty ? "unknown error" : text,
                hint: connectionBroken ? ConnectionFailure.closedHint : nil)
        }
        let kind: DatabaseError.Kind = switch code {
        case "55P03": .lockNotAvailable
        case let code? where code.hasPrefix("08") || code.hasPrefix("28") || code.hasPrefix("57P") || code == "3D000":
            .connection
        default: connectionBroken ? .connection : .statement
        }
        var hint = field("H")
        if code == "57P01" { hint = hint ?? ConnectionFailure.terminatedHint }
        return DatabaseError(
            kind: kind, message: message, code: code, detail: field("D"), hint: hint,
            position: field("P").flatMap { Int($0) }, context: field("W"))
    }

    /// The error for a connection that cannot carry the next command.
    func lostConnection() -> DatabaseError {
        let text = ConnectionFailure.tidy(String(libpq: pq.PQerrorMessage(handle)))
        return DatabaseError(
            kind: .connection, message: text.isEmpty ? "the connection to the server was lost" : text,
            hint: ConnectionFailure.closedHint)
    }
}

/// Writes `COPY ... FROM STDIN` data in the format the statement names
/// (text: tab-separated columns, one row per line, `\N` for NULL).
struct CopyWriter {
    fileprivate let connection: LibPQConnection

    /// Sends bytes as they are.
    func write(_ bytes: some ContiguousBytes) throws {
        try bytes.withUnsafeBytes { try connection.putCopyData($0) }
    }

    /// Sends text as UTF-8.
    func write(_ text: String) throws {
        var text = text
        try text.withUTF8 { try connection.putCopyData(UnsafeRawBufferPointer($0)) }
    }
}
