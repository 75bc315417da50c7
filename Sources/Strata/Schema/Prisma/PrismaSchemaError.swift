/// A `schema.prisma` that cannot be read: where, what, and how to fix it.
public struct PrismaSchemaError: StrataError {
    public var path: String
    public var location: SourceLocation
    public var problem: String
    /// The line with a caret under the place.
    public var excerpt: [String]
    public var nextStep: String?

    public init(path: String, location: SourceLocation, problem: String, excerpt: [String] = [], nextStep: String? = nil) {
        self.path = path
        self.location = location
        self.problem = problem
        self.excerpt = excerpt
        self.nextStep = nextStep
    }

    public var summary: String { "\(path):\(location.line):\(location.column): \(problem)" }
    public var details: [String] { excerpt.isEmpty ? [] : [excerpt.joined(separator: "\n")] }
}
