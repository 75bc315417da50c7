import Strata

/// Prints the events that matter outside a migration run (lock waits, warnings) on standard error.
enum EventPrinter {
    static let stderr: MigratorEventHandler = { event in
        switch event {
        case .waitingForLock, .lockAcquired, .warning, .createdHistoryTable, .importedPrismaHistory, .droppedObjects, .retrying:
            Console.shared.note(event.description)
        case .started, .finished:
            break
        }
    }
}
