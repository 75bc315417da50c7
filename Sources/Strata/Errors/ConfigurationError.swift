/// The configuration, a URL, or an environment variable is wrong or missing.
public struct ConfigurationError: StrataError {
    public var summary: String
    public var nextStep: String?

    public init(_ summary: String, nextStep: String? = nil) {
        self.summary = summary
        self.nextStep = nextStep
    }
}
