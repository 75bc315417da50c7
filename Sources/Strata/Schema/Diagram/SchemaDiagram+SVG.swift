/// An SVG drawing of a diagram, by Graphviz.
extension SchemaDiagram {
    /// The diagram's ``dot`` drawn by Graphviz's `dot -Tsvg`, the first `dot` on `PATH`.
    ///
    /// ```swift
    /// let svg = try await SchemaDiagram(schema).svg()   // "<?xml version=\"1.0\" ..."
    /// ```
    ///
    /// - Throws: ``GraphvizError`` when `dot` is not installed or fails.
    public func svg() async throws -> String {
        String(decoding: try await Graphviz().render(dot, format: "svg"), as: UTF8.self)
    }
}
