import Foundation
import Strata
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `migrate dev`'s questions, asked on a terminal: the question on
/// standard error, the answer read from standard input. Anything but `y`
/// or `yes` is no, so a stray Return never drops a column or resets a database.
struct TerminalDevDecisions: DevDecisions {
    /// The terminal's decisions, or `nil` when standard input or standard error is not a terminal (CI, a pipe).
    static var onTerminal: Self? {
        isatty(STDIN_FILENO) == 1 && isatty(STDERR_FILENO) == 1 ? Self() : nil
    }

    func isRename(_ candidate: RenameCandidate) async -> Bool {
        let question = switch candidate.kind {
        case .table: "Table \(candidate.old) is gone and \(candidate.new) is new, with the same columns. Did you rename \(candidate.old) to \(candidate.new)?"
        case .column(let table): "Column \(table).\(candidate.old) is gone and \(candidate.new) is new, of the same type. Did you rename it to \(candidate.new)?"
        }
        return ask(question + " (no: drop and add, losing its data) [y/N] ")
    }

    func acceptsDataLoss(_ losses: [SchemaWarning]) async -> Bool {
        let console = Console.shared
        console.note("The migration loses data:")
        for loss in losses { console.note(console.paintErr("  ! " + loss.message, .red)) }
        return ask("Write and apply it anyway? [y/N] ")
    }

    func resetAfterDrift(_ drift: DevDrift) async -> Bool {
        let console = Console.shared
        console.note("The dev database \(drift.database) has drifted from the migrations:")
        for line in drift.details { console.note("  " + line.replacingOccurrences(of: "\n", with: "\n  ")) }
        return ask("Reset it (drop everything, then apply every migration again)? All its data will be lost. [y/N] ")
    }

    private func ask(_ question: String) -> Bool {
        Console.shared.prompt(question)
        let answer = readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces).lowercased()
        return answer == "y" || answer == "yes"
    }
}
