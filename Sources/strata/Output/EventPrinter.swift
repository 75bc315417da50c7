import Strata

/// Prints the events that matter outside a migration run (lock waits, warnings) on standard error.
enum EventPrinter {
    static let stderr: MigratorEventHandler = { event in
        switch event {
        case .waitingForLock, .lockAcquired, .warning, .createdHistoryTable, .importedPrismaHistory, .droppedObjects, .retrying, .backup:
            Console.shared.note(event.description)
        case .linted(let report):
            if let text = LintRenderer.findings(of: report, paint: Console.shared.paintErr) { Console.shared.note(text) }
        case .started, .finished:
            break
        }
    }
}
