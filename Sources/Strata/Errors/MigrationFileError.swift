/// A migration file or folder cannot be used as it is. Found before anything runs.
public struct MigrationFileError: StrataError {
    /// The file or folder, as the user would type it.
    public var path: String
    /// Line and column inside the file, when the problem has a place.
    public var location: SourceLocation?
    public var problem: String
    public var details: [String]
    public var nextStep: String?

    public init(path: String, location: SourceLocation? = nil, problem: String, details: [String] = [], nextStep: String? = nil) {
        self.path = path
        self.location = location
        self.problem = problem
        self.details = details
        self.nextStep = nextStep
    }

    public var summary: String {
        let place = location.map { "\(path):\($0.line):\($0.column)" } ?? path
        return "\(place): \(problem)"
    }
}
