/// The database could not be reached or refused the session.
public struct ConnectionError: StrataError {
    /// The URL, with its password masked.
    public var target: String
    public var underlying: DatabaseError

    public init(target: String, underlying: DatabaseError) {
        self.target = target
        self.underlying = underlying
    }

    public var summary: String { "cannot connect to \(target)" }
    public var details: [String] { [underlying.description] }
    public var nextStep: String? {
        "check that the server runs and the URL (--url, DATABASE_URL or strata.toml) is right; nothing was changed"
    }
}
