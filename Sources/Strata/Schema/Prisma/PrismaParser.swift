/// Reads a `schema.prisma` into a ``PrismaSchemaFile``. Errors name the file,
/// line and column, show the line, and say what was expected there.
public struct PrismaParser {
    private let path: String
    private let source: SourceText
    private var tokens: [PrismaLexer.Token] = []
    private var position = 0

    /// Parses `text`, read from `path`.
    ///
    /// - Throws: ``PrismaSchemaError`` at the first thing that is not the schema language.
    public static func parse(_ text: String, path: String) throws -> PrismaSchemaFile {
        var parser = PrismaParser(path: path, source: SourceText(text))
        do {
            parser.tokens = try PrismaLexer.tokens(text)
        } catch {
            throw parser.error(atByte: error.offset, error.problem)
        }
        return PrismaSchemaFile(path: path, blocks: try parser.blocks())
    }

    private init(path: String, source: SourceText) {
        self.path = path
        self.source = source
    }

    // MARK: Blocks

    private mutating func blocks() throws -> [PrismaBlock] {
        var blocks: [PrismaBlock] = []
        while true {
            let documentation = takeDocumentation()
            let token = current
            if case .end = token.kind { return blocks }
            guard case .identifier(let keyword) = token.kind, let kind = PrismaBlock.Kind(rawValue: keyword) else {
                throw error(at: token, "expected a block (datasource, generator, model, view, enum or type), found \(describe(token))")
            }
            advance()
            let name = try identifier("a name for this \(keyword)")
            try expect("{", "after `\(keyword) \(name)`")
            var block = PrismaBlock(kind: kind, name: name, location: location(of: token), documentation: documentation)
            switch kind {
            case .datasource, .generator: try properties(into: &block)
            case .model, .view, .type: try fields(into: &block)
            case .enum: try values(into: &block)
            }
            blocks.append(block)
        }
    }

    private mutating func properties(into block: inout PrismaBlock) throws {
        while !take("}") {
            _ = takeDocumentation()
            if take("}") { return }
            let token = current
            let key = try identifier("a setting (`key = value`) or `}` closing `\(block.kind.rawValue) \(block.name)`")
            try expect("=", "after `\(key)` (settings are written `\(key) = value`)")
            block.properties.append(PrismaProperty(key: key, value: try expression(), location: location(of: token)))
        }
    }

    private mutating func fields(into block: inout PrismaBlock) throws {
        while true {
            let documentation = takeDocumentation()
            if take("}") { return }
            if let attribute = try blockAttribute() {
                block.attributes.append(attribute)
                continue
            }
            let token = current
            guard case .identifier(let name) = token.kind else {
                throw error(at: token, "expected a field (`name Type`), an `@@` attribute or `}` closing `\(block.kind.rawValue) \(block.name)`, found \(describe(token))")
            }
            advance()
            guard !current.startsLine, case .identifier = current.kind else {
                throw error(at: current.startsLine ? token : current, "the field `\(name)` has no type: write it as `\(name) String`, `\(name) Int?`, ...")
            }
            let type = try fieldType()
            let attributes = try attributesOnThisLine()
            guard current.startsLine || isSymbol("}") else {
                throw error(at: current, "expected an `@` attribute or the end of the line after the field `\(name)`, found \(describe(current))")
            }
            block.fields.append(PrismaField(
                name: name, type: type, attributes: attributes, documentation: documentation, location: location(of: token)))
        }
    }

    private mutating func fieldType() throws -> PrismaFieldType {
        let token = current
        var type = PrismaFieldType(name: try identifier("a type"), location: location(of: token))
        if type.name == "Unsupported", take("(") {
            guard case .string(let native) = current.kind else { throw error(at: current, "`Unsupported` takes the database's type as a string") }
            advance()
            try expect(")", "after `Unsupported(\"\(native)\"`")
            type.unsupported = native
        }
        if take("[") {
            try expect("]", "after `[` (a list is written `Type[]`)")
            type.isList = true
        }
        if take("?") {
            guard !type.isList else { throw error(at: tokens[position - 1], "a list cannot be optional: write `\(type.name)[]`") }
            type.isOptional = true
        }
        return type
    }

    private mutating func values(into block: inout PrismaBlock) throws {
        while true {
            let documentation = takeDocumentation()
            if take("}") { return }
            if let attribute = try blockAttribute() {
                block.attributes.append(attribute)
                continue
            }
            let token = current
            guard case .identifier(let name) = token.kind else {
                throw error(at: token, "expected an enum value, an `@@` attribute or `}` closing `enum \(block.name)`, found \(describe(token))")
            }
            advance()
            let attributes = try attributesOnThisLine()
            block.values.append(PrismaEnumValue(name: name, attributes: attributes, documentation: documentation, location: location(of: token)))
        }
    }

    // MARK: Attributes and expressions

    /// An `@@attribute(...)` line, when one starts here.
    private mutating func blockAttribute() throws -> PrismaAttribute? {
        guard take("@@") else { return nil }
        return try attribute(startingAt: tokens[position - 1])
    }

    /// The `@attribute`s after a field or enum value, up to the end of its line.
    private mutating func attributesOnThisLine() throws -> [PrismaAttribute] {
        var attributes: [PrismaAttribute] = []
        while !current.startsLine, take("@") {
            attributes.append(try attribute(startingAt: tokens[position - 1]))
        }
        return attributes
    }

    /// `name(.name)*` and its arguments, after its `@` or `@@` (`at`).
    private mutating func attribute(startingAt at: PrismaLexer.Token) throws -> PrismaAttribute {
        var name = try identifier("an attribute name after `@`")
        while take(".") { name += "." + (try identifier("a name after `.`")) }
        var arguments: [PrismaArgument] = []
        if !current.startsLine, take("(") { arguments = try argumentList(closing: "@\(name)(") }
        return PrismaAttribute(name: name, arguments: arguments, location: location(of: at))
    }

    /// Arguments up to `)`: `a, b: c`, a trailing comma allowed.
    private mutating func argumentList(closing context: String) throws -> [PrismaArgument] {
        var arguments: [PrismaArgument] = []
        while !take(")") {
            let token = current
            var name: String?
            if case .identifier(let word) = token.kind, isSymbol(":", at: position + 1) {
                name = word
                position += 2
            }
            arguments.append(PrismaArgument(name: name, value: try expression(), location: location(of: token)))
            if take(")") { break }
            try expect(",", "between the arguments of `\(context)`, or `)` to close them")
        }
        return arguments
    }

    private mutating func expression() throws -> PrismaExpression {
        let token = current
        switch token.kind {
        case .string(let text):
            advance()
            return .string(text)
        case .number(let text):
            advance()
            return .number(text)
        case .identifier("true"):
            advance()
            return .boolean(true)
        case .identifier("false"):
            advance()
            return .boolean(false)
        case .identifier(var name):
            advance()
            while take(".") { name += "." + (try identifier("a name after `.`")) }
            if take("(") { return .function(name, try argumentList(closing: "\(name)(")) }
            return .constant(name)
        case .symbol("["):
            advance()
            var elements: [PrismaExpression] = []
            while !take("]") {
                elements.append(try expression())
                if take("]") { break }
                try expect(",", "between the elements of a list, or `]` to close it")
            }
            return .array(elements)
        default:
            throw error(at: token, "expected a value (a string, a number, true or false, a list, a name or a function), found \(describe(token))")
        }
    }

    // MARK: Tokens

    private var current: PrismaLexer.Token { tokens[position] }

    private mutating func advance() { if position < tokens.count - 1 { position += 1 } }

    private func isSymbol(_ symbol: String, at index: Int? = nil) -> Bool {
        let index = index ?? position
        guard index < tokens.count, case .symbol(let found) = tokens[index].kind else { return false }
        return found == symbol
    }

    private mutating func take(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        advance()
        return true
    }

    private mutating func expect(_ symbol: String, _ context: String) throws {
        guard take(symbol) else { throw error(at: current, "expected `\(symbol)` \(context), found \(describe(current))") }
    }

    private mutating func identifier(_ what: String) throws -> String {
        guard case .identifier(let name) = current.kind else { throw error(at: current, "expected \(what), found \(describe(current))") }
        advance()
        return name
    }

    /// The `///` lines before the next token, joined.
    private mutating func takeDocumentation() -> String? {
        var lines: [String] = []
        while case .documentation(let line) = current.kind {
            lines.append(line)
            advance()
        }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private func describe(_ token: PrismaLexer.Token) -> String {
        switch token.kind {
        case .identifier(let name): "`\(name)`"
        case .string(let text): "the string \"\(text)\""
        case .number(let text): "the number \(text)"
        case .symbol(let symbol): "`\(symbol)`"
        case .documentation: "a `///` comment"
        case .end: "the end of the file"
        }
    }

    // MARK: Errors

    private func location(of token: PrismaLexer.Token) -> SourceLocation { source.location(ofByte: token.offset) }

    private func error(at token: PrismaLexer.Token, _ problem: String) -> PrismaSchemaError {
        error(atByte: token.offset, problem)
    }

    private func error(atByte offset: Int, _ problem: String) -> PrismaSchemaError {
        let place = source.location(ofByte: offset)
        let line = source.line(place.line)
        let gutter = String(place.line)
        let excerpt = [
            "\(gutter) | \(line)",
            String(repeating: " ", count: gutter.count) + " | " + String(repeating: " ", count: max(0, place.column - 1)) + "^",
        ]
        return PrismaSchemaError(path: path, location: place, problem: problem, excerpt: excerpt, nextStep: "fix the schema at line \(place.line)")
    }
}
