/// How a migration that gave up waiting for a table lock is tried again:
/// how often, how long each attempt may wait, and the pause before it.
struct LockRetryPolicy: Sendable {
    let configuration: Configuration

    /// Retries after the first attempt.
    var retries: Int { configuration.lockRetries }

    /// The statement lock timeout of attempt `attempt` (0 for the first); `nil` for no limit.
    func timeout(forAttempt attempt: Int) -> Duration? {
        configuration.statementLockTimeout(forAttempt: attempt)
    }

    /// The jittered pause before retry `attempt` (1 for the first retry):
    /// about 0.5 s, 1 s, 2 s, ...
    func pause(beforeRetry attempt: Int) -> Duration {
        let base = 500.0 * Double(1 << min(attempt - 1, 6))
        return .milliseconds(Int64(base * Double.random(in: 0.5...1.5)))
    }
}
