/// Strata declined to do what was asked, to protect the database; nothing changed.
public struct RefusalError: StrataError {
    public var summary: String
    public var details: [String]
    public var nextStep: String?

    public init(_ summary: String, details: [String] = [], nextStep: String? = nil) {
        self.summary = summary
        self.details = details
        self.nextStep = nextStep
    }
}
