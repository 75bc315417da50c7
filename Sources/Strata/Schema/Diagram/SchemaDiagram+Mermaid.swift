/// Mermaid's `erDiagram` text of a diagram.
///
/// Mermaid's lexer matches keywords case-insensitively and before names, so
/// a bare entity named `One`, `Token` or `classes` (`one`, `to`, `class`)
/// breaks the diagram: every entity name and label is written in double
/// quotes, which the lexer reads first. Quoted names may not hold `"`, `%`
/// or a backslash, and attribute types and names only `A-Z a-z 0-9 _ - [ ]`
/// (Mermaid before 11 had no quoting for them), so other characters become
/// `_`: `VARCHAR(255)` is written `VARCHAR_255`, `DOUBLE PRECISION` `DOUBLE_PRECISION`.
extension SchemaDiagram {
    /// The diagram as a Mermaid `erDiagram`: entities with their attributes,
    /// then one line per relationship, the referencing entity on the left.
    ///
    /// ```
    /// erDiagram
    ///     "User" {
    ///         INTEGER id PK
    ///         TEXT name "nullable"
    ///     }
    ///     "Post" }o--|| "User" : "authorId"
    /// ```
    public var mermaid: String {
        var lines = ["erDiagram"]
        for entity in entities {
            lines.append("    \(Self.mermaidQuoted(entity.name)) {")
            for attribute in entity.attributes {
                var line = "        \(Self.mermaidWord(attribute.type)) \(Self.mermaidWord(attribute.name))"
                if !attribute.keys.isEmpty { line += " " + attribute.keys.map(\.rawValue).joined(separator: ", ") }
                if attribute.isNullable { line += " \"nullable\"" }
                lines.append(line)
            }
            lines.append("    }")
        }
        for relationship in relationships {
            lines.append(
                "    \(Self.mermaidQuoted(relationship.from)) \(Self.mermaidCardinality(relationship))"
                    + " \(Self.mermaidQuoted(relationship.to)) : \(Self.mermaidQuoted(relationship.label))")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Crow's foot ends, `from` side first: `}o--||` many (or none) to exactly one.
    private static func mermaidCardinality(_ relationship: DiagramRelationship) -> String {
        let one = relationship.isOptional ? "o|" : "||"
        return switch relationship.kind {
        case .manyToOne: "}o--" + one
        case .oneToOne: "|o--" + one
        case .manyToMany: "}o--o{"
        }
    }

    /// `text` in double quotes, without the characters a quoted Mermaid name cannot hold.
    private static func mermaidQuoted(_ text: String) -> String {
        "\"" + String(text.map { "\"%\\\r\n".contains($0) ? "_" : $0 }) + "\""
    }

    /// `text` as one attribute word: letters, digits, `_`, `-`, `[]`; a run of
    /// anything else becomes one `_` (none for a closing `)`), and a word the
    /// lexer would read as a key (`PK`, `FK`, `UK`) gets a `_` after it.
    private static func mermaidWord(_ text: String) -> String {
        var word = ""
        var replaced = false
        for character in text {
            if character.isASCII, character.isLetter || character.isNumber || "_-[]".contains(character) {
                if replaced { word.append("_") }
                word.append(character)
                replaced = false
            } else {
                replaced = true
            }
        }
        if replaced, !text.hasSuffix(")") { word.append("_") }
        if let first = word.first, !(first.isLetter || first == "_") { word = "_" + word }
        // The lexer reads `PK`, `FK`, `UK` as keys up to a word boundary: `pk`, `uk-id`.
        let head = word.prefix { $0.isLetter || $0.isNumber || $0 == "_" }
        if ["PK", "FK", "UK"].contains(head.uppercased()) { word.insert("_", at: head.endIndex) }
        return word.isEmpty ? "_" : word
    }
}
