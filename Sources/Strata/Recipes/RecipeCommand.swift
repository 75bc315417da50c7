extension RecipeRequest {
    /// The `strata migrate new --recipe` command that writes this request, for
    /// a lint finding's advice: what the rule knew is filled in, what it did
    /// not know is a `<placeholder>` for the user to replace.
    ///
    /// ```swift
    /// RecipeRequest(recipe: .addIndex, table: TableReference(name: "users"), columns: ["email"]).commandLine
    /// // strata migrate new --recipe add-index --table users --columns email
    /// ```
    public var commandLine: String {
        var words = ["strata migrate new --recipe", recipe.rawValue, "--table", Self.shellWord(table.description)]
        for option in recipe.requiredOptions.dropFirst() {
            words += [option, value(of: option).map(Self.shellWord) ?? Self.placeholder(for: option)]
        }
        if let onDelete, recipe == .addForeignKey { words += ["--on-delete", Self.shellWord(onDelete)] }
        if let name { words += ["--constraint-name", Self.shellWord(name)] }
        return words.joined(separator: " ")
    }

    private func value(of option: String) -> String? {
        switch option {
        case "--column": column
        case "--to": newName
        case "--type": type
        case "--default": defaultValue
        case "--columns": columns.isEmpty ? nil : columns.joined(separator: ",")
        case "--references":
            references.map { table in "\(table)(" + (referencedColumns.isEmpty ? "<column>" : referencedColumns.joined(separator: ",")) + ")" }
        case "--check": check
        default: nil
        }
    }

    private static func placeholder(for option: String) -> String {
        switch option {
        case "--to": "<new-name>"
        case "--default": "<value>"
        case "--references": "<table>(<column>)"
        case "--check": "<condition>"
        default: "<\(option.dropFirst(2))>"
        }
    }

    /// The value as one shell word: bare when it is plain, else quoted.
    private static func shellWord(_ value: String) -> String {
        let plain = value.allSatisfy { $0.isLetter || $0.isNumber || "_.,-/:=@".contains($0) }
        if plain, !value.isEmpty { return value }
        if !value.contains(where: { "\"$`\\!".contains($0) }) { return "\"\(value)\"" }
        return "'" + value.replacing("'", with: "'\\''") + "'"
    }
}
