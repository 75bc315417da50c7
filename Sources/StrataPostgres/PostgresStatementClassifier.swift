import Strata

/// Decides from a statement's typed parse node whether PostgreSQL lets it
/// run in a transaction block. The list follows the server's
/// `PreventInTransactionBlock` callers (PostgreSQL 15), plus transaction control itself.
enum PostgresStatementClassifier {
    /// The node types whose fields decide; other nodes are never materialized
    /// unless ``PgQuery/inspectedForFacts`` asks for them.
    static let inspectedNodes: Set<String> = [
        "TransactionStmt", "IndexStmt", "DropStmt", "ReindexStmt", "VacuumStmt", "ClusterStmt", "AlterDatabaseStmt",
        "AlterSubscriptionStmt", "DiscardStmt", "AlterTableStmt", "AlterEnumStmt", "VariableSetStmt", "DeclareCursorStmt",
    ]

    /// Whether the statement changes the session beyond its transaction, so
    /// that the next migration must start from a reset session: `SET` (not
    /// `SET LOCAL`, not `SET TRANSACTION`), `RESET`, `SET ROLE`,
    /// `set_config(...)` anywhere (conservatively: also inside a function
    /// body), temporary tables, views and sequences, `PREPARE`, `LISTEN`,
    /// cursors `WITH HOLD`.
    static func changesSession(_ parsed: PgQuery.ParsedStatement) -> Bool {
        if parsed.mentionsSetConfig || parsed.mentionsTemporary { return true }
        switch parsed.statement {
        case .variableSet(let set):
            if set.isLocal { return false }
            return !(set.kind == "VAR_SET_MULTI" && set.name == "TRANSACTION")
        case .declareCursor(let options):
            return options & cursorWithHold != 0
        case .other(let node):
            return node == "PrepareStmt" || node == "ListenStmt"
        default:
            return false
        }
    }

    /// `CURSOR_OPT_HOLD` in PostgreSQL's parsenodes.h.
    private static let cursorWithHold = 0x0020

    /// - Parameter followedByOthers: whether statements other than
    ///   `ALTER TYPE ... ADD VALUE` come after this one in the script.
    static func requirement(of parsed: PgQuery.ParsedStatement, followedByOthers: Bool) -> TransactionRequirement {
        func outside(_ reason: String) -> TransactionRequirement {
            .mustRunOutsideTransaction(reason: "\(reason) cannot run inside a transaction block")
        }
        switch parsed.statement {
        case .transaction(let kind):
            switch kind {
            case .begin, .start: return .controlsTransaction(.begin)
            case .commit, .prepare: return .controlsTransaction(.commit)
            case .rollback: return .controlsTransaction(.rollback)
            case .commitPrepared: return outside("COMMIT PREPARED")
            case .rollbackPrepared: return outside("ROLLBACK PREPARED")
            case .savepoint, .release, .rollbackTo, .other: return .none
            }
        case .createIndex(let index) where index.concurrently:
            return outside("CREATE INDEX CONCURRENTLY")
        case .drop(let drop) where drop.concurrently:
            return outside("DROP INDEX CONCURRENTLY")
        case .reindex(let reindex):
            if reindex.concurrently { return outside("REINDEX CONCURRENTLY") }
            switch reindex.kind {
            case "REINDEX_OBJECT_DATABASE": return outside("REINDEX DATABASE")
            case "REINDEX_OBJECT_SYSTEM": return outside("REINDEX SYSTEM")
            case "REINDEX_OBJECT_SCHEMA": return outside("REINDEX SCHEMA")
            default: return .none
            }
        case .vacuum(isVacuum: true, _, _):
            return outside("VACUUM")
        case .cluster(nil):
            return outside("CLUSTER without a table")
        case .alterDatabase(let options) where options.contains("tablespace"):
            return outside("ALTER DATABASE ... SET TABLESPACE")
        case .alterSubscription(let kind) where kind.hasSuffix("REFRESH"):
            return outside("ALTER SUBSCRIPTION ... REFRESH")
        case .discard(target: "DISCARD_ALL"):
            return outside("DISCARD ALL")
        case .alterTable(let commands) where commands.contains(where: \.detachesConcurrently):
            return outside("ALTER TABLE ... DETACH PARTITION CONCURRENTLY")
        case .alterEnum(let alter) where alter.addsValue && followedByOthers:
            // Allowed in a transaction since PostgreSQL 12, but the new value
            // cannot be used until that transaction commits; Prisma's scripts
            // add a value and then may use it, which works because Prisma does
            // not wrap them. Only more ADD VALUEs after it are safe to wrap.
            return .mustRunOutsideTransaction(
                reason: "ALTER TYPE ... ADD VALUE makes a value later statements cannot use in the same transaction")
        case .other(let node):
            switch node {
            case "CreatedbStmt": return outside("CREATE DATABASE")
            case "DropdbStmt": return outside("DROP DATABASE")
            case "CreateTableSpaceStmt": return outside("CREATE TABLESPACE")
            case "DropTableSpaceStmt": return outside("DROP TABLESPACE")
            case "AlterSystemStmt": return outside("ALTER SYSTEM")
            case "CreateSubscriptionStmt": return outside("CREATE SUBSCRIPTION")
            case "DropSubscriptionStmt": return outside("DROP SUBSCRIPTION")
            default: return .none
            }
        default:
            return .none
        }
    }

    /// How the catalog shows the effect of a statement that runs outside a
    /// transaction and may be left half done: `CREATE INDEX CONCURRENTLY`
    /// with a name, `DROP INDEX CONCURRENTLY` of one index, `ALTER TYPE ...
    /// ADD VALUE`.
    static func catalogCheck(of parsed: PgQuery.ParsedStatement) -> CatalogCheck? {
        switch parsed.statement {
        case .createIndex(let index) where index.concurrently:
            guard let name = index.name, let table = index.relation else { return nil }
            return .indexBuilt(index: name, table: table.reference)
        case .drop(let drop) where drop.concurrently && drop.removeType == "OBJECT_INDEX":
            guard drop.names.count == 1 else { return nil }
            return .indexDropped(index: drop.names[0])
        case .alterEnum(let alter) where alter.addsValue:
            guard let type = alter.type, let value = alter.newValue else { return nil }
            return .enumValueAdded(type: type, value: value)
        default:
            return nil
        }
    }

    /// Whether the statement is `ALTER TYPE ... ADD VALUE`.
    static func addsEnumValue(_ parsed: PgQuery.ParsedStatement) -> Bool {
        if case .alterEnum(let alter) = parsed.statement { return alter.addsValue }
        return false
    }
}

extension PgAlterTableCommand {
    /// `DETACH PARTITION ... CONCURRENTLY`.
    var detachesConcurrently: Bool {
        subtype == "AT_DetachPartition" && (definition?["PartitionCmd"]?["concurrent"]?.bool ?? false)
    }
}
