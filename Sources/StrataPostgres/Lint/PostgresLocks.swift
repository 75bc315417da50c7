import Strata

/// The table locks PostgreSQL 15 takes for a statement, and what it does to
/// the rows meanwhile, after the server's documentation ("Explicit Locking",
/// and `AlterTableGetLockLevel` in tablecmds.c for `ALTER TABLE`).
enum PostgresLocks {
    static func locks(of statement: PgQuery.ParsedStatement, actions: [StatementAction]) -> [RelationLock] {
        var locks: [RelationLock] = []
        func take(_ relation: TableReference, _ mode: LockMode, _ effect: TableEffect = .none) {
            if let index = locks.firstIndex(where: { $0.relation == relation }) {
                locks[index].mode = max(locks[index].mode, mode)
                locks[index].effect = max(locks[index].effect, effect)
            } else {
                locks.append(RelationLock(relation: relation, mode: mode, effect: effect))
            }
        }
        if statement.node == "AlterTableStmt" {
            alterTable(statement.fields, actions: actions, take: take)
            return locks
        }
        for located in actions {
            switch located.action {
            case .createIndex(let build):
                take(build.table, build.concurrently ? .shareUpdateExclusive : .share, .scan)
            case .createTable(let creation):
                for column in creation.columns { if let referenced = column.references { take(referenced, .shareRowExclusive) } }
                for constraint in creation.constraints {
                    if case .foreignKey(let referenced) = constraint.kind { take(referenced, .shareRowExclusive) }
                }
            case .create(.trigger, _):
                if let table = PgRangeVar(statement.fields["relation"]) { take(table.reference, .shareRowExclusive) }
            case .drop(let drop) where [.table, .index, .view, .materializedView, .sequence].contains(drop.kind):
                for name in drop.names { take(name, drop.concurrently ? .shareUpdateExclusive : .accessExclusive) }
            case .truncate(let tables, _):
                for table in tables { take(table, .accessExclusive) }
            case .update(let table, let filtered):
                take(table, .rowExclusive, filtered ? .scan : .rewrite)
            case .delete(let table, _):
                take(table, .rowExclusive, .scan)
            case .rename(let rename) where [.table, .column, .index, .constraint, .sequence].contains(rename.kind):
                take(rename.owner ?? rename.from, .accessExclusive)
            case .reindex(let kind, let target, let concurrently) where kind == .index || kind == .table:
                take(target, concurrently ? .shareUpdateExclusive : .share, .scan)
            case .vacuumFull(let tables):
                for table in tables { take(table, .accessExclusive, .rewrite) }
            case .cluster(let table?):
                take(table, .accessExclusive, .rewrite)
            case .lockTable(let tables, let mode):
                for table in tables { take(table, mode) }
            case .refreshMaterializedView(let view, let concurrently):
                take(view, concurrently ? .exclusive : .accessExclusive, .rewrite)
            default:
                break
            }
        }
        return locks
    }

    private static func alterTable(_ json: JSONValue, actions: [StatementAction], take: (TableReference, LockMode, TableEffect) -> Void) {
        guard let table = PgRangeVar(json["relation"])?.reference else { return }
        guard json["objtype"]?.string ?? "OBJECT_TABLE" == "OBJECT_TABLE" else {
            take(table, .accessExclusive, .none)
            return
        }
        for command in (json["cmds"]?.array ?? []).compactMap(PgAlterTableCommand.init) {
            switch command.subtype {
            case "AT_AddColumn":
                let column = PgColumnDef(command.definition)?.definition
                let rewrites = column.map { $0.generated != nil || $0.isSerial || $0.defaultValue?.volatility == .volatile } ?? false
                take(table, .accessExclusive, rewrites ? .rewrite : .none)
                if let referenced = column?.references { take(referenced, .shareRowExclusive, .none) }
            case "AT_AlterColumnType", "AT_SetTableSpace", "AT_SetLogged", "AT_SetUnLogged":
                take(table, .accessExclusive, .rewrite)
            case "AT_SetNotNull":
                take(table, .accessExclusive, .scan)
            case "AT_AddConstraint":
                guard let constraint = PgConstraint(command.definition) else { continue }
                switch constraint.kind {
                case "CONSTR_FOREIGN":
                    take(table, .shareRowExclusive, constraint.notValid ? .none : .scan)
                    if let referenced = constraint.referencedTable { take(referenced.reference, .shareRowExclusive, .none) }
                case "CONSTR_CHECK":
                    take(table, .accessExclusive, constraint.notValid ? .none : .scan)
                case "CONSTR_PRIMARY", "CONSTR_UNIQUE":
                    take(table, .accessExclusive, constraint.indexName == nil ? .scan : .none)
                default:
                    take(table, .accessExclusive, .scan)
                }
            case "AT_ValidateConstraint":
                take(table, .shareUpdateExclusive, .scan)
            case "AT_SetStatistics", "AT_ClusterOn", "AT_DropCluster", "AT_SetRelOptions", "AT_ResetRelOptions", "AT_AttachPartition":
                take(table, .shareUpdateExclusive, .none)
            case "AT_DetachPartition":
                let concurrently = command.definition?["PartitionCmd"]?["concurrent"]?.bool ?? false
                take(table, concurrently ? .shareUpdateExclusive : .accessExclusive, .none)
            case let subtype where subtype.hasPrefix("AT_EnableTrig") || subtype.hasPrefix("AT_DisableTrig")
                || subtype == "AT_EnableAlwaysTrig" || subtype == "AT_EnableReplicaTrig" || subtype == "AT_AddInherit":
                take(table, .shareRowExclusive, .none)
            default:
                take(table, .accessExclusive, .none)
            }
        }
    }
}
