/// Graphviz's `dot`, which draws SVG diagrams, is missing or failed.
public struct GraphvizError: StrataError {
    public var summary: String
    public var details: [String]
    public var nextStep: String?

    public init(_ summary: String, details: [String] = [], nextStep: String? = nil) {
        self.summary = summary
        self.details = details
        self.nextStep = nextStep
    }

    /// No `dot` on `PATH`.
    public static let notInstalled = GraphvizError(
        "Graphviz's `dot` is not installed", nextStep: "install it (Debian: apt install graphviz) or use --format mermaid|dot")
}
