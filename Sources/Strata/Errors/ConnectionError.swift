/// The database could not be reached or refused the session, or the
/// connection broke before anything changed (`during` says when).
public struct ConnectionError: StrataError {
    /// The URL, with its password masked.
    public var target: String
    public var underlying: DatabaseError
    /// What Strata was doing when an open connection broke, e.g. `waiting for the migration lock`.
    public var during: String?

    public init(target: String, underlying: DatabaseError, during: String? = nil) {
        self.target = target
        self.underlying = underlying
        self.during = during
    }

    public var summary: String {
        during.map { "lost the connection to \(target) while \($0)" } ?? "cannot connect to \(target)"
    }

    /// The database's or client's words; the driver's hint, what to do about
    /// them, is the next step.
    public var details: [String] {
        var error = underlying
        error.hint = nil
        return [error.description]
    }

    public var nextStep: String? {
        if during != nil {
            return "nothing was changed; run the command again once the database answers"
        }
        let step = underlying.hint ?? "check that the server runs and the URL (--url, DATABASE_URL or strata.toml) is right"
        return step + "; nothing was changed"
    }
}
