import Foundation

/// Reads a `.env` file: `KEY=value` lines, `export KEY=value`, `#` comments,
/// single-quoted values taken literally, double-quoted values with `\n`, `\"`
/// and `\\` escapes.
enum DotEnvFile {
    /// The variables in the file at `path`; empty when there is no such file.
    static func read(_ path: String) throws -> [String: String] {
        guard FileManager.default.fileExists(atPath: path) else { return [:] }
        guard let data = FileManager.default.contents(atPath: path), let text = String(validating: data, as: UTF8.self)
        else { throw ConfigurationError("\(path) cannot be read as UTF-8 text") }
        return try parse(text, path: path)
    }

    static func parse(_ text: String, path: String) throws -> [String: String] {
        var variables: [String: String] = [:]
        for (index, rawLine) in text.lines.enumerated() {
            var line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).trimmingWhitespace() }
            guard let equals = line.firstIndex(of: "=") else {
                throw ConfigurationError(
                    "\(path):\(index + 1): expected KEY=value",
                    nextStep: "fix or remove the line; values with spaces go in quotes")
            }
            let key = String(line[..<equals].trimmingWhitespace())
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ConfigurationError("\(path):\(index + 1): '\(key)' is not a variable name")
            }
            variables[key] = unquote(line[line.index(after: equals)...].trimmingWhitespace())
        }
        return variables
    }

    private static func unquote(_ value: Substring) -> String {
        // 'literal' or "escaped", optionally followed by a # comment.
        if value.hasPrefix("'"), let close = value.dropFirst().firstIndex(of: "'") {
            return String(value[value.index(after: value.startIndex)..<close])
        }
        if value.hasPrefix("\"") {
            var result = ""
            var escaping = false
            for character in value.dropFirst() {
                if escaping {
                    result.append(character == "n" ? "\n" : character == "t" ? "\t" : character)
                    escaping = false
                } else if character == "\\" {
                    escaping = true
                } else if character == "\"" {
                    return result
                } else {
                    result.append(character)
                }
            }
            return String(value) // no closing quote: taken as written
        }
        // Unquoted: an inline comment starts at " #".
        if let comment = value.range(of: " #") { return String(value[..<comment.lowerBound].trimmingWhitespace()) }
        return String(value)
    }
}
