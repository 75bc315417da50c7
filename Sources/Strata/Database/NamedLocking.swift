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
    func tryNamedLock(_ name: String) async throws -> LockHolder?

    /// Lets the lock go (nothing when this session does not hold it).
    func releaseNamedLock(_ name: String) async throws
}
