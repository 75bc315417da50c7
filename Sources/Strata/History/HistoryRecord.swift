import Foundation

/// One row of the history table: one attempt to apply, roll back or record a
/// migration. Each attempt adds its own row and updates only that row (its
/// progress and outcome); earlier rows are never changed, so the table is the
/// full story. The newest row of a migration tells its state.
public struct HistoryRecord: Sendable, Equatable {
    public var id: Int64
    /// The migration's folder name.
    public var name: String
    /// SHA-256 of `migration.sql` when the row was written.
    public var checksum: String
    public var state: State
    public var operation: Operation
    public var execution: Execution
    public var startedAt: Date?
    public var finishedAt: Date?
    public var durationMilliseconds: Int64?
    /// `user@host` of whoever ran it.
    public var appliedBy: String
    /// Statements that took effect.
    public var statementsRun: Int
    public var statementsTotal: Int
    /// The failure report of a failed run: file, line, statement, the database's message.
    public var error: String?

    public init(
        id: Int64, name: String, checksum: String, state: State, operation: Operation, execution: Execution,
        startedAt: Date?, finishedAt: Date?, durationMilliseconds: Int64?, appliedBy: String, statementsRun: Int,
        statementsTotal: Int, error: String?
    ) {
        self.id = id
        self.name = name
        self.checksum = checksum
        self.state = state
        self.operation = operation
        self.execution = execution
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.durationMilliseconds = durationMilliseconds
        self.appliedBy = appliedBy
        self.statementsRun = statementsRun
        self.statementsTotal = statementsTotal
        self.error = error
    }

    /// Whether the database may hold what the migration did: not when it
    /// was rolled back, nor when it failed leaving nothing (its transaction
    /// rolled back, or no statement had taken effect).
    public var leavesEffects: Bool {
        switch state {
        case .rolledBack: false
        case .failed: execution != .transaction && statementsRun > 0
        case .applied, .running: true
        }
    }

    /// What a row says about its migration.
    public enum State: String, Sendable, Codable, CaseIterable {
        /// Started and not finished: in progress, or its runner died.
        case running
        case applied
        case failed
        /// Rolled back (by `down`, `resolve --rolled-back`, or in Prisma's history).
        case rolledBack = "rolled_back"
    }

    /// What wrote the row.
    public enum Operation: String, Sendable, Codable {
        case deploy
        case down
        case baseline
        case resolve
        /// Imported from `_prisma_migrations`, or read from it before the import.
        case prisma
        /// `resolve --removed`: the folder was removed on purpose, and the row
        /// keeps the state its migration had. Not reported as missing on disk.
        case removed
    }

    /// How the statements ran.
    public enum Execution: String, Sendable, Codable {
        /// In one transaction with the history row.
        case transaction
        /// Statement by statement, without a wrapping transaction.
        case statements
        /// Nothing ran: a bookkeeping row (baseline, resolve, import).
        case none
    }
}
