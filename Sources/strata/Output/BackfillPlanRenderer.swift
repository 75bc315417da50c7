import Strata

/// `data backfill --dry-run`: what the first batch would run, its plan, and how many batches to expect.
struct BackfillPlanRenderer {
    let plan: BackfillPlan

    func render() {
        let console = Console.shared
        console.line(console.paint("Dry run", .bold) + ": \(plan.name) on \(plan.table), along \(plan.keyColumns.joined(separator: ", ")); nothing runs.")
        if let record = plan.record {
            console.line("  ran before: \(record.state.rawValue), \(BackfillProgressRenderer.number(record.rowsDone)) rows done"
                + (record.state == .completed ? "; it runs again only with --restart" : "; the next run resumes after its last key"))
        }
        let rows = plan.estimatedRows.map { "~\(BackfillProgressRenderer.number($0)) rows to do" } ?? "the rows to do are not known"
        switch plan.batching {
        case .rows(let size):
            let batches = plan.estimatedBatches.map { ": ~\(counted($0, "batch")) of \(BackfillProgressRenderer.number(size)) rows" } ?? ""
            console.line("  \(rows)\(batches)")
        case .duration(let target):
            console.line("  \(rows), in batches sized to take about \(target.formattedSeconds) each (the first has 1,000 rows)")
        }
        console.line("")
        if plan.walksRanges {
            console.line("The batches walk the key's values in ranges, from its lowest to its highest:")
            show(plan.boundary)
        } else {
            console.line("Each batch, in its own transaction, finds its last key:")
            show(plan.boundary)
        }
        guard let update = plan.update else {
            console.line(plan.firstBatchEnd == nil ? "No row is left to change." : "")
            return
        }
        if plan.walksRanges {
            console.line("each in its own transaction, the first up to key \(plan.firstBatchEnd ?? "?") (the next ones sized to hold about as many rows):")
        } else {
            console.line("then changes the rows up to it (first batch: up to key \(plan.firstBatchEnd ?? "?")):")
        }
        show(update)
        if !plan.queryPlan.isEmpty {
            console.line("with this plan:")
            for line in plan.queryPlan { console.line("    " + line) }
        }
        console.line("and records its last key in the data history, in the same transaction.")
    }

    private func show(_ statement: BackfillPlan.Statement) {
        let console = Console.shared
        console.line("    " + statement.sql + ";")
        if !statement.parameters.isEmpty {
            let values = zip(statement.placeholders, statement.parameters).map { "\($0) = \(Self.literal($1))" }
            console.line(console.paint("    -- " + values.joined(separator: ", "), .dim))
        }
    }

    static func literal(_ value: DatabaseValue) -> String {
        switch value {
        case .null: "NULL"
        case .integer(let number): String(number)
        case .real(let number): String(number)
        case .boolean(let flag): flag ? "true" : "false"
        case .blob(let bytes): "x'" + bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined() + "'"
        default: "'" + (value.string ?? "") + "'"
        }
    }
}
