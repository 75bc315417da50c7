/// Renders `--dry-run` output: a SQL script a person can read and could run,
/// with comments saying what each part is and that nothing has run.
enum DryRunScript {
    static func render(
        operation: String, database: String, lockSQL: String?, setup: [String], scripts: [(PreparedScript, [String])]
    ) -> String {
        var lines = [
            "-- strata migrate \(operation) --dry-run on \(database)",
            "-- Nothing below has run. This is exactly the SQL that would run, in order.",
        ]
        if let lockSQL {
            lines.append("-- First the migration lock is taken, outside any transaction: \(lockSQL)")
        }
        if !setup.isEmpty {
            lines += ["", "-- history table"]
            lines += setup.map { $0 + ";" }
        }
        if scripts.isEmpty {
            lines += ["", "-- no migration to \(operation == "down" ? "roll back" : "apply")"]
        }
        for (script, sql) in scripts {
            let how = script.execution == .transaction
                ? "in a transaction"
                : "without a transaction: \(script.reasonWithoutTransaction ?? "")"
            lines += ["", "-- \(script.migration.name) (\(script.script.path)), \(how)"]
            lines += sql
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
