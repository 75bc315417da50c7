import Foundation
import Strata

/// A `CREATE INDEX` read back: its parts from `pragma_index_xinfo`, and
/// from its text what only the text keeps (expressions, the `WHERE`).
struct SQLiteIndexDefinition {
    let index: TableIndex

    init(sql: String, name: String, pragmaRows: [DatabaseRow]) {
        let lexer = SQLiteLexer(sql)
        let tokens = (try? lexer.pieces().first?.tokens) ?? []
        let onIndex = tokens.firstIndex { lexer.word($0) == "ON" } ?? 0
        let expressions = Self.partTexts(tokens, after: onIndex, lexer)
        var parts: [TableIndex.Part] = []
        for (offset, row) in pragmaRows.enumerated() {
            let order: TableIndex.Part.Order = (row["descending"].integer ?? 0) == 1 ? .descending : .ascending
            let collation = row["coll"].string.flatMap { $0 == "BINARY" ? nil : $0 }
            if let column = row["col"].string {
                parts.append(TableIndex.Part(column: column, order: order, collation: collation))
            } else {
                var text = offset < expressions.count ? expressions[offset] : ""
                for suffix in [" DESC", " ASC"] where text.uppercased().hasSuffix(suffix) { text = String(text.dropLast(suffix.count)) }
                parts.append(TableIndex.Part(expression: text, order: order))
            }
        }
        var predicate: String?
        if let whereIndex = tokens.lastIndex(where: { lexer.word($0) == "WHERE" }), whereIndex + 1 < tokens.count {
            predicate = String(decoding: lexer.bytes[tokens[whereIndex + 1].start..<tokens[tokens.count - 1].end], as: UTF8.self)
        }
        let isUnique = (pragmaRows.first?["isUnique"].integer ?? 0) == 1
        index = TableIndex(name: name, parts: parts, isUnique: isUnique, predicate: predicate)
    }

    /// The texts of the comma-separated parts inside the parentheses after `ON table`.
    private static func partTexts(_ tokens: [SQLiteLexer.Token], after start: Int, _ lexer: SQLiteLexer) -> [String] {
        guard let open = tokens[start...].firstIndex(where: { lexer.text($0) == "(" }) else { return [] }
        var texts: [String] = []
        var depth = 0
        var partStart = open + 1
        for index in open..<tokens.count {
            let text = lexer.text(tokens[index])
            if text == "(" { depth += 1 }
            if text == ")" { depth -= 1 }
            if (text == "," && depth == 1) || (text == ")" && depth == 0) {
                if partStart < index {
                    texts.append(String(decoding: lexer.bytes[tokens[partStart].start..<tokens[index - 1].end], as: UTF8.self))
                }
                partStart = index + 1
                if depth == 0 { break }
            }
        }
        return texts
    }

    /// A view's query: the text after its first top-level `AS`.
    static func textAfterAS(_ sql: String) -> String {
        let lexer = SQLiteLexer(sql)
        guard let tokens = try? lexer.pieces().first?.tokens,
            let asIndex = tokens.firstIndex(where: { lexer.word($0) == "AS" }), asIndex + 1 < tokens.count
        else { return sql }
        return String(decoding: lexer.bytes[tokens[asIndex + 1].start..<tokens[tokens.count - 1].end], as: UTF8.self)
    }
}
