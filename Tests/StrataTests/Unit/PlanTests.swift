import Foundation
@testable import Strata
import Testing

extension Unit {
    /// `Plan`: the folders on disk set against the history rows.
    @Suite("Plan")
    struct PlanTests {
        static func migration(_ name: String, _ sql: String = "SELECT 1;\n") throws -> Migration {
            Migration(name: name, up: try MigrationScript(path: "\(name)/migration.sql", data: Data(sql.utf8)), down: nil)
        }

        static func row(
            _ id: Int64, _ name: String, _ state: HistoryRecord.State, checksum: String? = nil,
            execution: HistoryRecord.Execution = .transaction, operation: HistoryRecord.Operation = .deploy
        ) -> HistoryRecord {
            HistoryRecord(
                id: id, name: name, checksum: checksum ?? Checksum.sha256Hex(Data("SELECT 1;\n".utf8)), state: state,
                operation: operation, execution: execution, startedAt: nil, finishedAt: nil, durationMilliseconds: nil,
                appliedBy: "test@host", statementsRun: 1, statementsTotal: 1, error: nil)
        }

        static func plan(_ names: [String], _ rows: [HistoryRecord]) throws -> Plan {
            Plan(migrations: try names.map { try migration($0) }, history: History(records: rows, source: .strata))
        }

        static func states(_ plan: Plan) -> [String] {
            plan.entries.map { "\($0.name) \($0.state.rawValue)" }
        }

        @Test("no history: everything is pending")
        func allPending() throws {
            let plan = try Self.plan(["001_a", "002_b"], [])
            #expect(Self.states(plan) == ["001_a pending", "002_b pending"])
            #expect(plan.entries.allSatisfy { $0.record == nil && $0.migration != nil })
        }

        @Test("applied rows with matching checksums are applied; the rest pending")
        func appliedAndPending() throws {
            let plan = try Self.plan(["001_a", "002_b", "003_c"], [Self.row(1, "001_a", .applied), Self.row(2, "002_b", .applied)])
            #expect(Self.states(plan) == ["001_a applied", "002_b applied", "003_c pending"])
            #expect(plan.entries(.applied).map(\.record?.id) == [1, 2])
        }

        @Test("a pending migration that sorts before an applied one is out of order")
        func outOfOrder() throws {
            let plan = try Self.plan(["001_a", "002_merged", "003_c"], [Self.row(1, "001_a", .applied), Self.row(2, "003_c", .applied)])
            #expect(Self.states(plan) == ["001_a applied", "002_merged out-of-order", "003_c applied"])
        }

        @Test("an applied migration whose file changed is edited; Prisma's legacy and CRLF checksums still match")
        func edited() throws {
            let plan = try Self.plan(["001_a", "002_b", "003_c"], [
                Self.row(1, "001_a", .applied, checksum: String(repeating: "0", count: 64)),
                Self.row(2, "002_b", .applied, checksum: Checksum.sha256Hex(Data("SELECT 1;\r\n".utf8))),
                Self.row(3, "003_c", .applied, checksum: Checksum.sha256Hex(Data("SELECT 1;\n".utf8)).uppercased()),
            ])
            #expect(Self.states(plan) == ["001_a edited", "002_b applied", "003_c applied"])
        }

        @Test("the newest row decides: failed, running, retried, rolled back")
        func newestRowDecides() throws {
            let plan = try Self.plan(["001_a", "002_b", "003_c", "004_d"], [
                Self.row(1, "001_a", .failed), Self.row(2, "001_a", .applied),
                Self.row(3, "002_b", .applied), Self.row(4, "002_b", .rolledBack),
                Self.row(5, "003_c", .failed, execution: .statements),
                Self.row(6, "004_d", .running, execution: .statements),
            ])
            #expect(Self.states(plan) == ["001_a applied", "002_b pending", "003_c failed", "004_d running"])
            #expect(plan.entries[0].record?.id == 2)
            #expect(!plan.entries[2].failedCleanly)
        }

        @Test("a failure inside a transaction failed cleanly")
        func failedCleanly() throws {
            let plan = try Self.plan(["001_a"], [Self.row(1, "001_a", .failed, execution: .transaction)])
            #expect(plan.entries[0].state == .failed)
            #expect(plan.entries[0].failedCleanly)
        }

        @Test("a rolled-back migration that sorts before an applied one is out of order")
        func rolledBackThenOutOfOrder() throws {
            let plan = try Self.plan(["001_a", "002_b"], [
                Self.row(1, "001_a", .applied), Self.row(2, "002_b", .applied), Self.row(3, "001_a", .rolledBack),
            ])
            #expect(Self.states(plan) == ["001_a out-of-order", "002_b applied"])
        }

        @Test("rows without a folder are missing-on-disk, after the folders, oldest first; ones that left nothing are not")
        func missing() throws {
            let plan = try Self.plan(["002_b"], [
                Self.row(1, "003_gone", .applied), Self.row(2, "001_gone", .failed, execution: .statements),
                Self.row(3, "002_b", .applied), Self.row(4, "000_undone", .applied), Self.row(5, "000_undone", .rolledBack),
                Self.row(6, "004_failed_cleanly", .failed),
            ])
            #expect(Self.states(plan) == ["002_b applied", "003_gone missing-on-disk", "001_gone missing-on-disk"])
            #expect(plan.entries[1].migration == nil)
        }

        @Test("applied migrations missing on disk that sort after every folder came from a newer release")
        func missingFromNewerRelease() throws {
            let plan = try Self.plan(["001_a", "002_b"], [
                Self.row(1, "000_old", .applied), Self.row(2, "001_a", .applied), Self.row(3, "002_b", .applied),
                Self.row(4, "003_newer", .applied), Self.row(5, "004_newer_failed", .failed, execution: .statements),
            ])
            #expect(plan.entries(.missing).map(\.name) == ["000_old", "003_newer", "004_newer_failed"])
            #expect(plan.missingFromNewerRelease.map(\.name) == ["003_newer"])
        }

        @Test("a folder removed on purpose (resolve --removed) is not missing; back on disk, its row's state holds")
        func removedOnPurpose() throws {
            let rows = [
                Self.row(1, "001_a", .applied), Self.row(2, "002_squashed", .applied),
                Self.row(3, "002_squashed", .applied, operation: .removed), Self.row(4, "003_c", .applied),
            ]
            #expect(Self.states(try Self.plan(["001_a", "003_c"], rows)) == ["001_a applied", "003_c applied"])
            #expect(Self.states(try Self.plan(["001_a", "002_squashed", "003_c"], rows))
                == ["001_a applied", "002_squashed applied", "003_c applied"])
        }

        @Test("with no folders at all, every applied missing migration is from a newer release")
        func missingWithEmptyFolder() throws {
            let plan = try Self.plan([], [Self.row(1, "001_a", .applied)])
            #expect(plan.missingFromNewerRelease.map(\.name) == ["001_a"])
        }
    }
}
