/// Watching, from a second connection, which table locks a session holds
/// while it works: a session role, for `migrate rehearse`'s report of the
/// locks each migration held and for how long.
public protocol LockSampling: Sendable {
    /// Opens a second connection that reads the locks this session holds.
    func lockSampler() async throws -> any LockSampleReading
}

/// A connection that reads another session's locks.
public protocol LockSampleReading: Sendable {
    /// The table locks (tables, partitioned tables, materialized views;
    /// not the system catalogs) the watched session holds right now.
    func sample() async throws -> [SampledLock]
    func close() async
}

/// One lock a watched session held when sampled.
public struct SampledLock: Sendable, Hashable {
    public var relation: String
    public var mode: LockMode

    public init(relation: String, mode: LockMode) {
        self.relation = relation
        self.mode = mode
    }
}
