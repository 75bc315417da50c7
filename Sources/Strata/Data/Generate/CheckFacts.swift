/// What a generator can honour of a check constraint: the conjunctions of
/// simple comparisons that schemas use (`price > 0`, `rating BETWEEN 1 AND 5`,
/// `status IN ('draft', 'published')`, `char_length(name) <= 100`,
/// `updated_at >= created_at`), read from the expression as the database
/// gives it back. A check with anything else (`OR`, a function of two
/// columns) is reported as not understood, and generated rows are left for
/// the database to judge.
enum CheckFact: Equatable {
    /// `column > 0`, `column BETWEEN 1 AND 5`: bounds on a number.
    case bound(column: String, lower: Double?, upper: Double?, lowerStrict: Bool, upperStrict: Bool)
    /// `column IN (...)`, `column = ANY (ARRAY[...])`, `column = 'x'`.
    case values(column: String, [String])
    /// `length(column) <= 100`.
    case length(column: String, min: Int?, max: Int?)
    /// `later >= earlier` between two columns.
    case order(later: String, earlier: String)
    /// `column IS NOT NULL`.
    case notNull(column: String)
    /// `column <> ''`.
    case nonEmpty(column: String)

    /// The facts of `expression`, or `nil` when some part of it is not understood.
    static func read(_ expression: String) -> [CheckFact]? {
        var parser = CheckParser(tokens: CheckToken.split(expression))
        guard let facts = parser.conjunction(), parser.atEnd else { return nil }
        return facts
    }
}

/// A token of a check expression.
enum CheckToken: Equatable {
    case word(String)
    case quotedName(String)
    case number(Double)
    case string(String)
    case symbol(String)

    static func split(_ text: String) -> [CheckToken] {
        let characters = Array(text)
        var tokens: [CheckToken] = []
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            if character.isLetter || character == "_" {
                var end = index
                while end < characters.count, characters[end].isLetter || characters[end].isNumber || characters[end] == "_" || characters[end] == "." { end += 1 }
                tokens.append(.word(String(characters[index..<end])))
                index = end
            } else if character.isNumber || (character == "-" && index + 1 < characters.count && characters[index + 1].isNumber
                && !(tokens.last.map(\.isOperand) ?? false)) {
                var end = index + 1
                while end < characters.count, characters[end].isNumber || characters[end] == "." { end += 1 }
                guard let value = Double(String(characters[index..<end])) else { return [.symbol("?")] }
                tokens.append(.number(value))
                index = end
            } else if character == "'" || character == "\"" || character == "`" {
                var value = ""
                var end = index + 1
                while end < characters.count {
                    if characters[end] == character {
                        if end + 1 < characters.count, characters[end + 1] == character { value.append(character); end += 2; continue }
                        break
                    }
                    value.append(characters[end])
                    end += 1
                }
                tokens.append(character == "'" ? .string(value) : .quotedName(value))
                index = end + 1
            } else {
                let two = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
                if ["<=", ">=", "<>", "!=", "::", "=="].contains(two) {
                    tokens.append(.symbol(two))
                    index += 2
                } else {
                    tokens.append(.symbol(String(character)))
                    index += 1
                }
            }
        }
        return tokens
    }

    var isOperand: Bool {
        switch self {
        case .word, .quotedName, .number, .string: true
        case .symbol(let symbol): symbol == ")" || symbol == "]"
        }
    }
}

/// The recursive-descent reading of a check's conjunction.
private struct CheckParser {
    let tokens: [CheckToken]
    var position = 0

    init(tokens: [CheckToken]) {
        self.tokens = tokens
    }

    var atEnd: Bool { position == tokens.count }

    private enum Operand {
        case column(String)
        case length(String)
        case literal(Literal)
    }

    private enum Literal {
        case number(Double)
        case string(String)

        var text: String {
            switch self {
            case .number(let value): value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
            case .string(let value): value
            }
        }
    }

    mutating func conjunction() -> [CheckFact]? {
        var facts: [CheckFact] = []
        repeat {
            guard let more = term() else { return nil }
            facts += more
        } while accept(word: "AND")
        return facts
    }

    private mutating func term() -> [CheckFact]? {
        let start = position
        if accept(symbol: "(") {
            if let inner = conjunction(), accept(symbol: ")") { return inner }
            position = start
        }
        guard let left = operand() else { return nil }
        if accept(word: "IS") {
            guard accept(word: "NOT"), accept(word: "NULL"), case .column(let name) = left else { return nil }
            return [.notNull(column: name)]
        }
        if accept(word: "BETWEEN") {
            guard case .column(let name) = left, case .literal(.number(let low))? = operand(), accept(word: "AND"),
                  case .literal(.number(let high))? = operand()
            else { return nil }
            return [.bound(column: name, lower: low, upper: high, lowerStrict: false, upperStrict: false)]
        }
        if accept(word: "IN") {
            guard case .column(let name) = left, let list = literalList(closing: ")") else { return nil }
            return [.values(column: name, list)]
        }
        guard case .symbol(let comparison)? = next(), ["<", "<=", ">", ">=", "=", "==", "<>", "!="].contains(comparison) else { return nil }
        if comparison == "=", accept(word: "ANY") {
            guard case .column(let name) = left, accept(symbol: "("), accept(word: "ARRAY"), let list = literalList(opening: "[", closing: "]"),
                  accept(symbol: ")")
            else { return nil }
            skipCast()
            return [.values(column: name, list)]
        }
        guard let right = operand() else { return nil }
        return fact(left, comparison, right)
    }

    private func fact(_ left: Operand, _ comparison: String, _ right: Operand) -> [CheckFact]? {
        switch (left, right) {
        case (.column(let name), .literal(.number(let value))):
            return bound(name, comparison, value)
        case (.literal(.number(let value)), .column(let name)):
            return bound(name, Self.mirrored(comparison), value)
        case (.length(let name), .literal(.number(let value))):
            return length(name, comparison, Int(value))
        case (.literal(.number(let value)), .length(let name)):
            return length(name, Self.mirrored(comparison), Int(value))
        case (.column(let name), .literal(.string(let value))):
            if comparison == "=" || comparison == "==" { return [.values(column: name, [value])] }
            if (comparison == "<>" || comparison == "!=") && value.isEmpty { return [.nonEmpty(column: name)] }
            return nil
        case (.column(let later), .column(let earlier)) where comparison == ">=" || comparison == ">":
            return [.order(later: later, earlier: earlier)]
        case (.column(let earlier), .column(let later)) where comparison == "<=" || comparison == "<":
            return [.order(later: later, earlier: earlier)]
        default:
            return nil
        }
    }

    private func bound(_ name: String, _ comparison: String, _ value: Double) -> [CheckFact]? {
        switch comparison {
        case ">": [.bound(column: name, lower: value, upper: nil, lowerStrict: true, upperStrict: false)]
        case ">=": [.bound(column: name, lower: value, upper: nil, lowerStrict: false, upperStrict: false)]
        case "<": [.bound(column: name, lower: nil, upper: value, lowerStrict: false, upperStrict: true)]
        case "<=": [.bound(column: name, lower: nil, upper: value, lowerStrict: false, upperStrict: false)]
        case "=", "==": [.bound(column: name, lower: value, upper: value, lowerStrict: false, upperStrict: false)]
        default: nil
        }
    }

    private func length(_ name: String, _ comparison: String, _ value: Int) -> [CheckFact]? {
        switch comparison {
        case ">": [.length(column: name, min: value + 1, max: nil)]
        case ">=": [.length(column: name, min: value, max: nil)]
        case "<": [.length(column: name, min: nil, max: value - 1)]
        case "<=": [.length(column: name, min: nil, max: value)]
        case "=", "==": [.length(column: name, min: value, max: value)]
        default: nil
        }
    }

    private static func mirrored(_ comparison: String) -> String {
        switch comparison {
        case "<": ">"
        case "<=": ">="
        case ">": "<"
        case ">=": "<="
        default: comparison
        }
    }

    private mutating func operand() -> Operand? {
        let start = position
        if accept(symbol: "(") {
            if let inner = operand(), accept(symbol: ")") { skipCast(); return inner }
            position = start
            return nil
        }
        switch next() {
        case .number(let value)?:
            skipCast()
            return .literal(.number(value))
        case .string(let value)?:
            skipCast()
            return .literal(.string(value))
        case .quotedName(let name)?:
            skipCast()
            return .column(name)
        case .word(let word)?:
            let lowered = word.lowercased()
            if ["length", "char_length", "character_length"].contains(lowered), accept(symbol: "(") {
                guard case .column(let name)? = operand(), accept(symbol: ")") else { return nil }
                return .length(name)
            }
            guard !["and", "or", "not", "null", "in", "is", "any", "array", "between"].contains(lowered),
                  !(peek == .symbol("("))
            else { return nil }
            skipCast()
            return .column(word)
        default:
            return nil
        }
    }

    private mutating func literalList(opening: String = "(", closing: String) -> [String]? {
        guard accept(symbol: opening) else { return nil }
        var values: [String] = []
        repeat {
            guard case .literal(let literal)? = operand() else { return nil }
            values.append(literal.text)
        } while accept(symbol: ",")
        guard accept(symbol: closing) else { return nil }
        return values
    }

    /// `::text`, `::numeric`, `::character varying`, `::text[]`.
    private mutating func skipCast() {
        let continuations: Set<String> = ["varying", "precision", "with", "without", "time", "zone"]
        while accept(symbol: "::") {
            guard case .word? = peek else { return }
            position += 1
            while case .word(let word)? = peek, continuations.contains(word.lowercased()) { position += 1 }
            if accept(symbol: "(") {
                while let token = next(), token != .symbol(")") {}
            }
            if accept(symbol: "[") { _ = accept(symbol: "]") }
        }
    }

    private var peek: CheckToken? { position < tokens.count ? tokens[position] : nil }

    private mutating func next() -> CheckToken? {
        guard position < tokens.count else { return nil }
        position += 1
        return tokens[position - 1]
    }

    private mutating func accept(symbol: String) -> Bool {
        guard peek == .symbol(symbol) else { return false }
        position += 1
        return true
    }

    private mutating func accept(word: String) -> Bool {
        guard case .word(let found)? = peek, found.lowercased() == word.lowercased() else { return false }
        position += 1
        return true
    }
}
