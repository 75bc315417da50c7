import Foundation
import Synchronization

/// Gathers the locks a session was seen holding, per migration: when each
/// was first and last seen, so that how long it was held is known to
/// within one sampling interval.
final class LockWatch: Sendable {
    private struct State {
        var current: String?
        var seen: [String: [SampledLock: (first: ContinuousClock.Instant, last: ContinuousClock.Instant)]] = [:]
    }

    private let state = Mutex(State())
    let interval: Duration

    init(interval: Duration) {
        self.interval = interval
    }

    /// Samples from now on belong to `migration`.
    func begin(_ migration: String) {
        state.withLock { $0.current = migration }
    }

    func end() {
        state.withLock { $0.current = nil }
    }

    func record(_ locks: [SampledLock], at time: ContinuousClock.Instant) {
        state.withLock { state in
            guard let current = state.current else { return }
            for lock in locks {
                let first = state.seen[current]?[lock]?.first ?? time
                state.seen[current, default: [:]][lock] = (first, time)
            }
        }
    }

    /// The strongest lock `migration` held on each table (a weaker one on
    /// the same table adds nothing), strongest first, then by table; each
    /// held for at most `duration` (the migration's own). A lock in
    /// `declared` (what the statements take, from the parse) stronger than
    /// any seen on its table was held between two samples: it is listed too,
    /// without a time.
    func locks(of migration: String, within duration: Duration, declared: [SampledLock]) -> [HeldLock] {
        let seen = state.withLock { $0.seen[migration] ?? [:] }
        let strongest = Dictionary(grouping: seen, by: \.key.relation).compactMap { _, locks in locks.max { $0.key.mode < $1.key.mode } }
        var locks = strongest.map { lock, times in
            let held = min(times.last - times.first + interval, duration)
            return HeldLock(relation: lock.relation, mode: lock.mode, heldMilliseconds: held.milliseconds)
        }
        for lock in declared {
            let name = Self.bare(lock.relation)
            let sampled = locks.filter { Self.bare($0.relation) == name || Self.bare($0.relation).hasSuffix("." + name) }
            guard sampled.allSatisfy({ $0.mode < lock.mode }), !locks.contains(where: { $0.heldMilliseconds == nil && Self.bare($0.relation) == name && $0.mode >= lock.mode })
            else { continue }
            locks.removeAll { $0.heldMilliseconds == nil && Self.bare($0.relation) == name }
            locks.append(HeldLock(relation: sampled.first?.relation ?? lock.relation, mode: lock.mode, heldMilliseconds: nil))
        }
        return locks.sorted { ($0.mode, $1.relation) > ($1.mode, $0.relation) }
    }

    /// A relation's name without quotes, for matching `pg_locks`' spelling with the parse's.
    private static func bare(_ relation: String) -> String {
        relation.replacingOccurrences(of: "\"", with: "")
    }
}

/// A lock a rehearsed migration held, and for how long.
public struct HeldLock: Sendable, Equatable {
    public var relation: String
    public var mode: LockMode
    /// How long it was seen held; `nil` for a lock its statements take
    /// that was held between two samples (shorter than the interval).
    public var heldMilliseconds: Int64?
}
