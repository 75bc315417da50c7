import Strata

/// The lock report of `migrate plan`: per pending file, each statement with
/// the locks it takes and what they mean on tables of their live size.
enum LockReportRenderer {
    /// - Parameter what: what the files are, e.g. "pending migration" or "file".
    static func render(_ report: LintReport, database: String, advice: Bool, what: String = "pending migration") {
        let console = Console.shared
        guard !report.files.isEmpty else {
            return console.line("Nothing to plan: no \(what)s in \(database).")
        }
        console.line(console.paint("Plan for \(database): \(counted(report.files.count, what))", .bold))
        var file = ""
        for statement in report.statements {
            if statement.file != file {
                file = statement.file
                console.line("")
                console.line(file)
            }
            let text = statement.statement.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            let shown = text.count > 100 ? String(text.prefix(99)) + "…" : text
            console.line("  \(console.paint(String(statement.line).leftPadded(4), .dim))  \(shown)")
            for lock in statement.locks {
                let style: Console.Style = lock.mode == "ACCESS EXCLUSIVE" || lock.effect == "rewrite" ? .yellow : .dim
                console.line("        " + console.paint(lock.consequence, style))
            }
        }
        console.line("")
        let shown = report.findings.filter { advice || $0.severity > .info }
        for finding in shown { console.line(LintRenderer.block(finding, paint: console.paint)) }
        for note in report.notes { console.note("note: " + note) }
        console.line(LintRenderer.summary(report, advice: advice, connected: true))
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
