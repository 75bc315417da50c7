/// An error the database reported, classified for the engine.
///
/// Drivers translate their client library's errors into this type, keeping
/// the database's own words: SQLSTATE (or SQLite's result code), message,
/// detail, hint and the position inside the statement.
public struct DatabaseError: Error, Sendable, Equatable {
    /// What kind of failure this is, as far as the engine cares.
    public enum Kind: String, Sendable, Equatable {
        /// Could not connect, or the connection broke.
        case connection
        /// A lock was not granted in time (PostgreSQL SQLSTATE 55P03, SQLite `SQLITE_BUSY`).
        case lockNotAvailable
        /// The statement itself failed: syntax, constraint, missing object, privileges, ...
        case statement
    }

    public var kind: Kind
    /// The database's message.
    public var message: String
    /// SQLSTATE (PostgreSQL) or result code name (SQLite).
    public var code: String?
    public var detail: String?
    public var hint: String?
    /// 1-based character position of the error inside the statement sent.
    public var position: Int?
    /// Where inside a function body or trigger the error arose, when the database says.
    public var context: String?

    public init(
        kind: Kind, message: String, code: String? = nil, detail: String? = nil, hint: String? = nil,
        position: Int? = nil, context: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.code = code
        self.detail = detail
        self.hint = hint
        self.position = position
        self.context = context
    }
}

extension DatabaseError: CustomStringConvertible {
    /// `ERROR 42P01: relation "x" does not exist` followed by detail and hint lines.
    public var description: String {
        var text = code.map { "\($0): \(message)" } ?? message
        if let detail { text += "\nDETAIL: \(detail)" }
        if let hint { text += "\nHINT: \(hint)" }
        if let context { text += "\nCONTEXT: \(context)" }
        return text
    }
}
