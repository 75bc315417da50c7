/// Another runner held the migration lock for longer than the lock timeout.
public struct LockTimeoutError: StrataError {
    /// Who held the lock when Strata gave up, when known.
    public var holder: LockHolder?
    public var waited: Duration

    public init(holder: LockHolder?, waited: Duration) {
        self.holder = holder
        self.waited = waited
    }

    public var summary: String {
        "gave up waiting for the migration lock after \(waited.formattedSeconds)"
    }

    public var details: [String] {
        holder.map { ["held by \($0)"] } ?? []
    }

    public var nextStep: String? {
        "wait for the other runner to finish, or raise --lock-timeout; nothing was applied"
    }

    public var exitStatus: ExitStatus { .lockTimeout }
}
