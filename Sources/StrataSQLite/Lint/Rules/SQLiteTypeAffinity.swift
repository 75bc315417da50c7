import Strata

/// Declared types whose SQLite affinity is not what the name suggests.
struct SQLiteTypeAffinity: LintRule {
    let triggers: Set<ActionKind>? = [.createTable, .addColumn]
    let info = LintRuleInfo(
        id: "sqlite-type-affinity", family: .sqlite, severity: .warning,
        summary: "SQLite reads this type name as another affinity than it suggests.",
        why: "SQLite decides a column's affinity from substrings of its declared type (section 3.1 of \"Datatypes In SQLite\"): "
            + "STRING gets NUMERIC affinity, so '007' is stored as 7; a name containing INT (POINT, INTERVAL) gets INTEGER affinity.",
        fix: "CREATE TABLE codes (code TEXT NOT NULL);",
        examples: [
            .fires("CREATE TABLE codes (code STRING);", in: .sqlite),
            .fires("CREATE TABLE shapes (center POINT);", in: .sqlite),
            .passes("CREATE TABLE codes (code TEXT, n INTEGER, price REAL, at DATETIME);", in: .sqlite),
        ])

    func check(_ statement: LintedStatement, in context: LintContext) -> [LintViolation] {
        statement.facts.actions.flatMap { located -> [LintViolation] in
            let columns: [(TableReference, ColumnDefinition)] = switch located.action {
            case .createTable(let creation): creation.columns.map { (creation.table, $0) }
            case .addColumn(let table, let column): [(table, column)]
            default: []
            }
            return columns.compactMap { table, column in
                guard let type = column.type?.name, let surprise = Self.surprise(type) else { return nil }
                return LintViolation("\(table.dot(column.name)) is declared \(type), which SQLite gives \(surprise)", at: located.byteOffset)
            }
        }
    }

    /// The affinity rules, in SQLite's order: INT -> INTEGER; CHAR, CLOB, TEXT -> TEXT; BLOB -> BLOB; REAL, FLOA, DOUB -> REAL; else NUMERIC.
    static func surprise(_ type: String) -> String? {
        let upper = type.uppercased()
        let integerNames = ["INT", "INTEGER", "TINYINT", "SMALLINT", "MEDIUMINT", "BIGINT", "UNSIGNED BIG INT", "INT2", "INT8", "INT4"]
        if upper.contains("INT") { return integerNames.contains(upper) ? nil : "INTEGER affinity (it contains INT)" }
        if upper.contains("CHAR") || upper.contains("CLOB") || upper.contains("TEXT") || upper.contains("BLOB") { return nil }
        if upper.contains("REAL") || upper.contains("FLOA") || upper.contains("DOUB") { return nil }
        if upper == "STRING" { return "NUMERIC affinity: text that looks like a number is stored as one ('007' becomes 7)" }
        return nil
    }
}
