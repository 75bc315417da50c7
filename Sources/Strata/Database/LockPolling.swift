/// Waits for a lock by trying it again and again, never by blocking inside
/// the database: a session blocked in a lock wait can hold a snapshot that
/// `CREATE INDEX CONCURRENTLY` in the lock holder waits for.
///
/// Drivers call it from ``MigrationLocking/acquireMigrationLock(for:timeout:onWait:)``.
public enum LockPolling {
    /// Calls `attempt` until it takes the lock (returns `nil`), with a jittered
    /// back-off from 20 ms up to 1 s, reporting each new holder it waits for.
    ///
    /// - Parameter attempt: tries once, without waiting; returns who holds the
    ///   lock when it is taken.
    /// - Throws: ``LockTimeoutError`` when `timeout` passes first, or what `attempt` throws.
    public static func acquire(
        timeout: Duration, onWait: @Sendable (LockHolder) -> Void, attempt: () async throws -> LockHolder?
    ) async throws {
        let clock = ContinuousClock()
        let deadline = clock.now + timeout
        var delay = Duration.milliseconds(20)
        var lastHolder: LockHolder?
        while let holder = try await attempt() {
            if holder != lastHolder {
                onWait(holder)
                lastHolder = holder
            }
            let remaining = deadline - clock.now
            guard remaining > .zero else { throw LockTimeoutError(holder: lastHolder, waited: timeout) }
            try await Task.sleep(for: min(delay * Double.random(in: 0.75...1.25), remaining))
            delay = min(delay * 1.5, .seconds(1))
        }
    }
}
