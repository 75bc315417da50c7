import Foundation
import Strata
import Synchronization

/// A backfill's progress: a bar redrawn in place on a terminal; elsewhere
/// (and with `--json`, on standard error) a log line every few seconds.
final class BackfillProgressRenderer: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant?
        var barShown = false
        var start: BackfillStart?
    }

    private let json: Bool
    private let drawsBar: Bool
    private let state = Mutex(State())
    private let clock = ContinuousClock()
    /// How often a log line is written when no bar is drawn.
    private static let logInterval: Duration = .seconds(2)
    private static let barInterval: Duration = .milliseconds(100)

    init(json: Bool) {
        self.json = json
        self.drawsBar = !json && Console.shared.isInteractive
    }

    /// A line of its own (clearing the bar first).
    func say(_ text: String) {
        clearBar()
        if json { Console.shared.note(text) } else { Console.shared.line(text) }
    }

    func show(_ event: BackfillEvent) {
        let console = Console.shared
        switch event {
        case .started(let start):
            state.withLock { $0.start = start }
            let key = start.keyColumns.joined(separator: ", ")
            let left = start.estimatedRemaining.map { ", ~\(Self.number($0)) rows to do" } ?? ""
            if let after = start.resumingAfter {
                say("Resuming \(start.name) on \(start.table) after key \(after) (\(Self.number(start.rowsDoneBefore)) rows done)\(left)")
            } else {
                say("Backfilling \(start.table) as \(start.name), along \(key)\(left)")
            }
            if !start.keyIsIndexed {
                say(Console.shared.paint("note: ", .yellow) + "no index begins with \(key), so every batch reads the whole of \(start.table) "
                    + "to find its rows; walk the primary key (leave out --key), or create an index on \(key) first")
            }
        case .batch(let progress):
            let now = clock.now
            let due = state.withLock { state -> Bool in
                let interval = drawsBar ? Self.barInterval : Self.logInterval
                guard state.lastDrawn.map({ now - $0 >= interval }) ?? true else { return false }
                state.lastDrawn = now
                return true
            }
            guard due else { return }
            if drawsBar {
                state.withLock { $0.barShown = true }
                console.partial("\r\u{1B}[2K" + bar(progress))
            } else {
                say(logLine(progress))
            }
        case .waitingForReplica(let lag, let limit):
            say("  waiting: a streaming replica is \(lag.formattedSeconds) behind (the limit is \(limit.formattedSeconds))")
        case .retrying(let reason, let batchSize):
            say("  retrying the batch (\(reason)); batches of \(Self.number(batchSize)) rows now")
        }
    }

    /// The closing line.
    func finish(_ report: BackfillReport) {
        clearBar()
        let console = Console.shared
        let line: String
        if report.alreadyCompleted {
            line = "\(report.name) had completed (\(Self.number(report.rowsDone)) rows); --restart runs it again from the first row"
        } else {
            let seconds = Self.seconds(report.elapsed)
            let rate = seconds > 0 ? ", \(Self.number(Int(Double(report.rowsThisRun) / seconds))) rows/s" : ""
            let resumed = report.resumed ? " (\(Self.number(report.rowsDone)) in all, with earlier runs)" : ""
            line = console.paint("Done", .green) + ": \(Self.number(report.rowsThisRun)) rows of \(report.table) changed in "
                + "\(report.elapsed.formattedSeconds)\(rate)\(resumed); \(counted(report.batches, "batch"))."
        }
        if json { console.note(line) } else { console.line(line) }
    }

    private func clearBar() {
        let shown = state.withLock { state -> Bool in
            defer { state.barShown = false }
            return state.barShown
        }
        if shown { Console.shared.partial("\r\u{1B}[2K") }
    }

    private func bar(_ progress: BackfillProgress) -> String {
        let width = 24
        let fraction = progress.estimatedTotal.map { $0 > 0 ? min(1, Double(progress.rowsDone) / Double($0)) : 1 }
        let filled = Int((fraction ?? 0) * Double(width))
        let drawn = fraction == nil ? "" : "[" + String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled) + "] "
        return "  " + drawn + summary(progress)
    }

    private func logLine(_ progress: BackfillProgress) -> String {
        "  " + summary(progress) + ", last key \(progress.lastKey)"
    }

    /// `51% 512,000 / ~1,000,000 rows · 84,200 rows/s · ETA 6 s · batch 1,000`
    private func summary(_ progress: BackfillProgress) -> String {
        var parts: [String] = []
        if let total = progress.estimatedTotal, total > 0 {
            let percent = min(100, progress.rowsDone * 100 / total)
            parts.append("\(percent)% \(Self.number(progress.rowsDone)) / ~\(Self.number(total)) rows")
        } else {
            parts.append("\(Self.number(progress.rowsDone)) rows")
        }
        let rate = progress.rowsPerSecond
        parts.append("\(Self.number(Int(rate))) rows/s")
        if let total = progress.estimatedTotal, rate > 0, total > progress.rowsDone {
            let left = Duration.milliseconds(Int64(Double(total - progress.rowsDone) / rate * 1000))
            parts.append("ETA \(left.formattedSeconds)")
        }
        parts.append("batch \(Self.number(progress.batchSize))")
        return parts.joined(separator: " · ")
    }

    static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
