import Foundation

/// Graphviz's DOT text of a diagram: one HTML-like table per entity, one
/// edge per relationship from a referencing column to a referenced one,
/// with crow's foot ends.
extension SchemaDiagram {
    /// The diagram as a Graphviz `digraph`, for `dot -Tsvg` or `dot -Tpng`.
    ///
    /// ```
    /// "Post":"r2":e -> "User":"l0":w [label="authorId", arrowtail=crowodot, arrowhead=teetee];
    /// ```
    ///
    /// Each column's row has two ports, its left cell `l` and its right cell
    /// `r` followed by its position (`l0`: the first column's left), so no
    /// column name has to be a valid port name.
    public var dot: String {
        var lines = [
            "digraph schema {",
            "    graph [rankdir=LR, fontname=\"Helvetica\", nodesep=0.5, ranksep=1.2];",
            "    node [shape=plain, fontname=\"Helvetica\", fontsize=11];",
            "    edge [fontname=\"Helvetica\", fontsize=9, dir=both, color=\"#4a5568\", fontcolor=\"#4a5568\"];",
        ]
        for entity in entities {
            lines.append("    \(Self.dotQuoted(entity.name)) [label=<")
            lines.append("        <table border=\"0\" cellborder=\"1\" cellspacing=\"0\" cellpadding=\"4\">")
            lines.append("        <tr><td colspan=\"3\" bgcolor=\"#dbe4f0\"><b>\(Self.html(entity.name))</b></td></tr>")
            for (index, attribute) in entity.attributes.enumerated() {
                let marks = attribute.keys.map(\.rawValue) + (attribute.isNullable ? ["nullable"] : [])
                lines.append(
                    "        <tr><td port=\"l\(index)\" align=\"left\">\(Self.html(attribute.name))</td>"
                        + "<td align=\"left\">\(Self.html(attribute.type))</td>"
                        + "<td port=\"r\(index)\" align=\"left\">\(Self.html(marks.joined(separator: ", ")))</td></tr>")
            }
            lines.append("        </table>>];")
        }
        for relationship in relationships {
            let (tail, head) = Self.dotEnds(relationship)
            // A line leaves its row on the right and arrives on the left; one back to its own table arrives on the right too.
            let arrival = relationship.from == relationship.to ? "r" : "l"
            lines.append(
                "    \(port(relationship.from, relationship.columns, side: "r")) -> \(port(relationship.to, relationship.referencedColumns, side: arrival))"
                    + " [label=\(Self.dotQuoted(relationship.label)), arrowtail=\(tail), arrowhead=\(head)];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The entity `name`, at the `side` (`l` left, `r` right) of the row of
    /// the first of `columns` when it has it.
    private func port(_ name: String, _ columns: [String], side: String) -> String {
        let node = Self.dotQuoted(name)
        guard let entity = entities.first(where: { $0.name == name }),
              let index = entity.attributes.firstIndex(where: { $0.name == columns.first })
        else { return node }
        return node + ":\"\(side)\(index)\":\(side == "l" ? "w" : "e")"
    }

    /// The crow's foot shapes at the referencing end and the referenced end;
    /// Graphviz draws the first shape of a name nearest the node.
    private static func dotEnds(_ relationship: DiagramRelationship) -> (tail: String, head: String) {
        let one = relationship.isOptional ? "teeodot" : "teetee"
        return switch relationship.kind {
        case .manyToOne: ("crowodot", one)
        case .oneToOne: ("teeodot", one)
        case .manyToMany: ("crowodot", "crowodot")
        }
    }

    /// A DOT double-quoted string.
    private static func dotQuoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `text` escaped for an HTML-like label.
    private static func html(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
