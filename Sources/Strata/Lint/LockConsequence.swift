/// What a lock means for the application, in a sentence: "rewrites users
/// (12 M rows, 3.1 GB) under ACCESS EXCLUSIVE: reads and writes on users
/// wait until it ends".
enum LockConsequence {
    static func sentence(for lock: RelationLock, statistics: RelationStatistics?, isNew: Bool) -> String {
        let relation = lock.relation.description
        let sized = isNew ? "\(relation) (created in this run, empty)" : statistics.map { "\(relation) (\($0.summary))" } ?? relation
        let doing = switch lock.effect {
        case .rewrite: "rewrites \(sized)"
        case .scan: "reads every row of \(sized)"
        case .none: "locks \(sized)"
        }
        let waits = lock.mode.whatWaits
        let duration = lock.effect == .none ? "until the transaction ends" : "until it ends"
        if lock.mode < .shareUpdateExclusive { return "\(doing) under \(lock.mode.name): other sessions keep reading and writing" }
        return "\(doing) under \(lock.mode.name): \(waits) on \(relation) wait \(duration)"
    }
}
