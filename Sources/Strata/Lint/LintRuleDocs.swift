/// `docs/lint-rules.md`, written from the rules themselves (a test keeps the file current).
public enum LintRuleDocs {
    /// The page for the given dialects' rules: a table of contents by family,
    /// then each rule with its why, fix and examples.
    public static func markdown(_ dialects: [(name: String, rules: [any LintRule])]) -> String {
        var seen = Set<String>()
        var rules: [(rule: any LintRule, dialects: [String])] = []
        for (name, list) in dialects {
            for rule in list {
                if seen.insert(rule.info.id).inserted {
                    rules.append((rule, [name]))
                } else if let index = rules.firstIndex(where: { $0.rule.info.id == rule.info.id }) {
                    rules[index].dialects.append(name)
                }
            }
        }
        var lines = [
            "# Lint rules", "",
            "Generated from `Sources/**/Lint/Rules/` by the test suite (`STRATA_UPDATE_GOLDEN=1 swift test --filter LintRuleDocs` rewrites it).",
            "`strata lint --rules` lists the same. Severities: `error` fails `strata lint` (exit 1) and, with `lint.deploy = \"error\"`, "
                + "stops `migrate deploy`; `warning` is reported; `info` is advice, shown with `--advice` and never counted. "
                + "A *size-aware* rule's harm depends on the table: with live statistics (`strata migrate plan`, `strata lint --url`, "
                + "`migrate deploy`) it is advice under `lint.small_table_rows` (10,000) rows, a warning above, and an error from "
                + "`lint.large_table_rows` (1,000,000); without them it is advice that says the size is unknown. "
                + "A script that does not parse is a `syntax-error` finding.",
            "",
            "Silence a finding with `-- strata:lint-ignore rule-id[, rule-id] reason` on the line before the statement (or in the file's "
                + "leading comments, for the whole file); change a rule's severity, or turn it `off`, under `[lint.rules]` in `strata.toml`.",
            "",
        ]
        for family in LintFamily.allCases {
            let members = rules.filter { $0.rule.info.family == family }
            guard !members.isEmpty else { continue }
            lines += ["## \(family.title)", ""]
            lines += members.map { "- [`\($0.rule.info.id)`](#\($0.rule.info.id)) (\($0.rule.info.severity.rawValue)): \($0.rule.info.summary)" }
            lines.append("")
        }
        for (rule, names) in rules {
            let info = rule.info
            lines += ["### \(info.id)", ""]
            lines.append("**\(info.severity.rawValue)**" + (info.scalesWithTableSize ? ", size-aware" : "") + " · " + names.joined(separator: ", "))
            lines += ["", info.summary, "", info.why, "", "Instead:", "", "```sql", info.fix, "```", ""]
            if let recipe = info.recipe {
                lines += ["Or let Strata write the steps (PostgreSQL) with `strata migrate new --recipe \(recipe.rawValue)`, for \(recipe.summary).", ""]
            }
            for example in info.examples {
                let verdict = example.fires ? "Fires" : "Does not fire"
                let context = example.before.isEmpty ? "" : ", after `" + example.before.joined(separator: " ").replacingNewlines() + "`"
                lines.append("\(verdict) (\(example.dialect.rawValue)\(context))" + (example.note.map { ": \($0)" } ?? "") + ":")
                lines += ["", "```sql", example.sql, "```", ""]
            }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func replacingNewlines() -> String {
        split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
