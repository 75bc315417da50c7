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

    /// The database's or client's words; the driver's hint, what to do about
    /// them, is the next step.
    public var details: [String] {
        var error = underlying
        error.hint = nil
        return [error.description]
    }

    public var nextStep: String? {
        let step = underlying.hint ?? "check that the server runs and the URL (--url, DATABASE_URL or strata.toml) is right"
        return step + "; nothing was changed"
    }
}
