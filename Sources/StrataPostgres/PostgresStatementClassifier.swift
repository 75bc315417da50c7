import Strata

/// Decides from a statement's parse node whether PostgreSQL lets it run in a
/// transaction block. The list follows the server's `PreventInTransactionBlock`
/// callers (PostgreSQL 15), plus transaction control itself.
enum PostgresStatementClassifier {
    /// The node types whose fields decide; other nodes are never materialized.
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
    static func changesSession(_ statement: PgQuery.ParsedStatement) -> Bool {
        if statement.mentionsSetConfig || statement.mentionsTemporary { return true }
        let fields = statement.fields
        switch statement.node {
        case "VariableSetStmt":
            if fields["is_local"]?.bool == true { return false }
            return !(fields["kind"]?.string == "VAR_SET_MULTI" && fields["name"]?.string == "TRANSACTION")
        case "PrepareStmt", "ListenStmt":
            return true
        case "DeclareCursorStmt":
            return (fields["options"]?.int ?? 0) & cursorWithHold != 0
        default:
            return false
        }
    }

    /// `CURSOR_OPT_HOLD` in PostgreSQL's parsenodes.h.
    private static let cursorWithHold = 0x0020

    /// - Parameter followedByOthers: whether statements other than
    ///   `ALTER TYPE ... ADD VALUE` come after this one in the script.
    static func requirement(of statement: PgQuery.ParsedStatement, followedByOthers: Bool) -> TransactionRequirement {
        let fields = statement.fields
        func flag(_ name: String) -> Bool { fields[name]?.bool ?? false }
        func outside(_ reason: String) -> TransactionRequirement {
            .mustRunOutsideTransaction(reason: "\(reason) cannot run inside a transaction block")
        }

        switch statement.node {
        case "TransactionStmt":
            switch fields["kind"]?.string {
            case "TRANS_STMT_BEGIN", "TRANS_STMT_START": return .controlsTransaction(.begin)
            case "TRANS_STMT_COMMIT", "TRANS_STMT_PREPARE": return .controlsTransaction(.commit)
            case "TRANS_STMT_ROLLBACK": return .controlsTransaction(.rollback)
            case "TRANS_STMT_COMMIT_PREPARED": return outside("COMMIT PREPARED")
            case "TRANS_STMT_ROLLBACK_PREPARED": return outside("ROLLBACK PREPARED")
            default: return .none // SAVEPOINT, RELEASE, ROLLBACK TO
            }
        case "IndexStmt" where flag("concurrent"):
            return outside("CREATE INDEX CONCURRENTLY")
        case "DropStmt" where flag("concurrent"):
            return outside("DROP INDEX CONCURRENTLY")
        case "ReindexStmt":
            if hasOption(fields["params"], named: "concurrently") { return outside("REINDEX CONCURRENTLY") }
            switch fields["kind"]?.string {
            case "REINDEX_OBJECT_DATABASE": return outside("REINDEX DATABASE")
            case "REINDEX_OBJECT_SYSTEM": return outside("REINDEX SYSTEM")
            case "REINDEX_OBJECT_SCHEMA": return outside("REINDEX SCHEMA")
            default: return .none
            }
        case "VacuumStmt" where flag("is_vacuumcmd"):
            return outside("VACUUM")
        case "ClusterStmt" where fields["relation"] == nil:
            return outside("CLUSTER without a table")
        case "CreatedbStmt": return outside("CREATE DATABASE")
        case "DropdbStmt": return outside("DROP DATABASE")
        case "AlterDatabaseStmt" where hasOption(fields["options"], named: "tablespace"):
            return outside("ALTER DATABASE ... SET TABLESPACE")
        case "CreateTableSpaceStmt": return outside("CREATE TABLESPACE")
        case "DropTableSpaceStmt": return outside("DROP TABLESPACE")
        case "AlterSystemStmt": return outside("ALTER SYSTEM")
        case "CreateSubscriptionStmt": return outside("CREATE SUBSCRIPTION")
        case "DropSubscriptionStmt": return outside("DROP SUBSCRIPTION")
        case "AlterSubscriptionStmt" where fields["kind"]?.string?.hasSuffix("REFRESH") == true:
            return outside("ALTER SUBSCRIPTION ... REFRESH")
        case "DiscardStmt" where fields["target"]?.string == "DISCARD_ALL":
            return outside("DISCARD ALL")
        case "AlterTableStmt" where detachesConcurrently(fields["cmds"]):
            return outside("ALTER TABLE ... DETACH PARTITION CONCURRENTLY")
        case "AlterEnumStmt" where addsEnumValue(statement) && followedByOthers:
            // Allowed in a transaction since PostgreSQL 12, but the new value
            // cannot be used until that transaction commits; Prisma's scripts
            // add a value and then may use it, which works because Prisma does
            // not wrap them. Only more ADD VALUEs after it are safe to wrap.
            return .mustRunOutsideTransaction(
                reason: "ALTER TYPE ... ADD VALUE makes a value later statements cannot use in the same transaction")
        default:
            return .none
        }
    }

    /// How the catalog shows the effect of a statement that runs outside a
    /// transaction and may be left half done: `CREATE INDEX CONCURRENTLY`
    /// with a name, `DROP INDEX CONCURRENTLY` of one index, `ALTER TYPE ...
    /// ADD VALUE`.
    static func catalogCheck(of statement: PgQuery.ParsedStatement) -> CatalogCheck? {
        let fields = statement.fields
        switch statement.node {
        case "IndexStmt" where fields["concurrent"]?.bool == true:
            guard let index = fields["idxname"]?.string, let table = fields["relation"]?["relname"]?.string else { return nil }
            return .indexBuilt(index: index, table: TableReference(schema: fields["relation"]?["schemaname"]?.string, name: table))
        case "DropStmt" where fields["concurrent"]?.bool == true && fields["removeType"]?.string == "OBJECT_INDEX":
            guard let objects = fields["objects"]?.array, objects.count == 1, let name = qualifiedName(objects[0]["List"]?["items"])
            else { return nil }
            return .indexDropped(index: name)
        case "AlterEnumStmt" where addsEnumValue(statement):
            guard let type = qualifiedName(fields["typeName"]), let value = fields["newVal"]?.string else { return nil }
            return .enumValueAdded(type: type, value: value)
        default:
            return nil
        }
    }

    /// `[schema, name]` or `[name]` as a list of `String` nodes.
    private static func qualifiedName(_ list: JSONValue?) -> TableReference? {
        let parts = list?.array?.compactMap { $0["String"]?["sval"]?.string } ?? []
        switch parts.count {
        case 1: return TableReference(name: parts[0])
        case 2: return TableReference(schema: parts[0], name: parts[1])
        default: return nil
        }
    }

    /// Whether the statement is `ALTER TYPE ... ADD VALUE`.
    static func addsEnumValue(_ statement: PgQuery.ParsedStatement) -> Bool {
        statement.node == "AlterEnumStmt" && statement.fields["newVal"] != nil && statement.fields["oldVal"] == nil
    }

    /// Whether a list of `DefElem` options holds one named `name`.
    private static func hasOption(_ list: JSONValue?, named name: String) -> Bool {
        list?.array?.contains { $0["DefElem"]?["defname"]?.string == name } ?? false
    }

    private static func detachesConcurrently(_ commands: JSONValue?) -> Bool {
        commands?.array?.contains { command in
            guard let alter = command["AlterTableCmd"], alter["subtype"]?.string == "AT_DetachPartition" else { return false }
            return alter["def"]?["PartitionCmd"]?["concurrent"]?.bool ?? false
        } ?? false
    }
}
