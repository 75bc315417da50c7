/// How a ``SchemaDiagram`` is written out.
///
/// ```swift
/// let text = try await DiagramFormat.mermaid.render(SchemaDiagram(schema))
/// ```
public enum DiagramFormat: String, Sendable, Equatable, CaseIterable {
    /// A Mermaid `erDiagram`, which GitHub and many Markdown viewers draw.
    case mermaid
    /// Graphviz's DOT language.
    case dot
    /// An SVG image drawn by Graphviz's `dot`, which must be installed.
    case svg

    /// `diagram` in this format.
    ///
    /// - Throws: ``GraphvizError`` for `svg` when `dot` is missing or fails.
    public func render(_ diagram: SchemaDiagram) async throws -> String {
        switch self {
        case .mermaid: diagram.mermaid
        case .dot: diagram.dot
        case .svg: try await diagram.svg()
        }
    }
}
