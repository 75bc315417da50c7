import Foundation

/// Expands `${VAR}` and `${VAR:-fallback}` in configuration values.
/// `$$` stands for a literal `$`.
enum Interpolation {
    /// - Parameters:
    ///   - text: the value as written.
    ///   - variables: the environment (process variables over `.env`).
    ///   - setting: where the value came from, e.g. `strata.toml: environments.production.url`.
    /// - Throws: ``ConfigurationError`` naming the variable and the setting when a variable is unset.
    static func expand(_ text: String, variables: [String: String], setting: String) throws -> String {
        guard text.contains("$") else { return text }
        var result = ""
        var rest = Substring(text)
        while let dollar = rest.firstIndex(of: "$") {
            result += rest[..<dollar]
            let afterDollar = rest[rest.index(after: dollar)...]
            if afterDollar.hasPrefix("$") {
                result += "$"
                rest = afterDollar.dropFirst()
                continue
            }
            guard afterDollar.hasPrefix("{"), let close = afterDollar.firstIndex(of: "}") else {
                result += "$"
                rest = afterDollar
                continue
            }
            let expression = afterDollar[afterDollar.index(after: afterDollar.startIndex)..<close]
            let (name, fallback) = split(expression)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
                throw ConfigurationError("\(setting): `${\(expression)}` is not a variable reference")
            }
            if let value = variables[name], !(value.isEmpty && fallback != nil) {
                result += value
            } else if let fallback {
                result += fallback
            } else {
                throw ConfigurationError(
                    "\(setting) uses ${\(name)}, which is not set",
                    nextStep: "set \(name) in the environment or in .env, or write ${\(name):-default}")
            }
            rest = afterDollar[afterDollar.index(after: close)...]
        }
        return result + rest
    }

    private static func split(_ expression: Substring) -> (String, String?) {
        guard let marker = expression.range(of: ":-") else { return (String(expression), nil) }
        return (String(expression[..<marker.lowerBound]), String(expression[marker.upperBound...]))
    }
}
