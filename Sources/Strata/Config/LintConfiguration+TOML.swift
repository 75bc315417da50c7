import TOMLKit

extension LintConfiguration {
    /// Reads the `[lint]` table; rule ids are checked later, against the rules of the dialect in use.
    init(_ table: TOMLTable, path: String) throws {
        self.init()
        for (key, value) in table {
            let setting = "\(path): lint.\(key)"
            switch key {
            case "deploy":
                guard let text = value.string, let gate = DeployGate(rawValue: text) else {
                    throw ConfigurationError("\(setting) must be one of " + DeployGate.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))
                }
                deploy = gate
            case "rules":
                guard let rules = value.table else {
                    throw ConfigurationError("\(setting) must be a table of rule = \"off\" | \"info\" | \"warning\" | \"error\"")
                }
                for (rule, level) in rules {
                    guard let text = level.string, text == "off" || LintSeverity(rawValue: text) != nil else {
                        throw ConfigurationError(
                            "\(path): lint.rules.\(rule) must be \"off\", \"info\", \"warning\" or \"error\"")
                    }
                    severities[rule] = .some(LintSeverity(rawValue: text))
                }
            case "small_table_rows", "large_table_rows":
                guard let rows = value.int, rows >= 0 else { throw ConfigurationError("\(setting) must be a whole number of rows") }
                if key == "small_table_rows" { smallTableRows = Double(rows) } else { largeTableRows = Double(rows) }
            default:
                throw ConfigurationError(
                    "\(path): unknown setting `lint.\(key)`", nextStep: "[lint] takes " + Self.keys.joined(separator: ", "))
            }
        }
    }
}
