/// Locks a long job takes by name, so that two runs of it never overlap
/// (two `strata data backfill` of the same migration, from two terminals or
/// two CI jobs). Held until released or the session ends.
///
/// ```swift
/// if let holder = try await session.tryNamedLock("backfill:users_role") {
///     throw RefusalError("another run is at work: \(holder)")
/// }
/// defer { Task { try? await session.releaseNamedLock("backfill:users_role") } }
/// ```
public protocol NamedLocking: Sendable {
    /// Takes the lock if no other session holds it: `nil` when taken, else who holds it.
    ///
    /// - Throws: ``NamedLockLostError`` when the server session this
    ///   connection was given holds it already for another client (a
    ///   pooler in transaction mode).
    func tryNamedLock(_ name: String) async throws -> LockHolder?

    /// Lets the lock go (nothing when this session does not hold it).
    func releaseNamedLock(_ name: String) async throws

    /// A statement for each transaction of a long job under the lock: it
    /// fails when the transaction runs in a server session other than the
    /// one holding the lock (behind a pooler in transaction mode), and
    /// meanwhile keeps any other from taking it. `nil` where sessions are
    /// never pooled.
    func namedLockCheckSQL(_ name: String) -> String?

    /// Whether `error` is the failure of ``namedLockCheckSQL(_:)``.
    func isNamedLockCheckFailure(_ error: DatabaseError) -> Bool
}

extension NamedLocking {
    public func namedLockCheckSQL(_ name: String) -> String? { nil }
    public func isNamedLockCheckFailure(_ error: DatabaseError) -> Bool { false }
}
