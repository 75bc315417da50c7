extension DatabaseSession {
    /// Runs `body` in one transaction: committed when it returns, rolled
    /// back when it throws (or is cancelled), the error passed on.
    ///
    /// ```swift
    /// try await session.inTransaction { session in
    ///     _ = try await session.query("UPDATE users SET role = 'USER' WHERE id = ANY($1)", parameters: [...])
    ///     _ = try await session.query("UPDATE _strata_data SET last_key = $1 WHERE name = $2", parameters: [...])
    /// }
    /// ```
    public func inTransaction<T: Sendable>(_ body: (Self) async throws -> T) async throws -> T {
        try await execute(dialect.beginTransactionSQL)
        let result: T
        do {
            result = try await body(self)
        } catch {
            try? await execute(dialect.rollbackSQL)
            throw error
        }
        do {
            try await execute(dialect.commitSQL)
        } catch {
            try? await execute(dialect.rollbackSQL)
            throw error
        }
        return result
    }
}
