import Strata

/// Turns a parsed PostgreSQL statement into the neutral facts lint rules
/// read: what it creates, drops, alters and renames, and (through
/// ``PostgresLocks``) which lock it takes on which relation.
enum PostgresStatementFacts {
    /// - Parameters:
    ///   - script: the script's bytes, and `end` where the statement ends in them, for placing `ALTER TABLE` clauses.
    static func facts(of statement: PgQuery.ParsedStatement, in script: [UInt8], end: Int) -> StatementFacts {
        var actions = self.actions(of: statement).map { located in
            StatementAction(located.action, byteOffset: located.byteOffset.map { $0 + statement.base })
        }
        if statement.node == "AlterTableStmt", let table = PgRangeVar(statement.fields["relation"])?.location {
            actions = ClausePlaces.refine(actions, tableOffset: table + statement.base, in: script, statementEnd: end)
        }
        return StatementFacts(
            actions: actions, locks: PostgresLocks.locks(of: statement, actions: actions),
            stringConstants: statement.stringConstants)
    }

    private static func actions(of statement: PgQuery.ParsedStatement) -> [StatementAction] {
        let json = statement.fields
        func located(_ action: SchemaAction, _ location: Int? = nil) -> [StatementAction] {
            [StatementAction(action, byteOffset: location)]
        }
        if let typed = typedActions(of: statement.statement) { return typed.map { StatementAction($0.0, byteOffset: $0.1) } }
        switch statement.node {
        case "CreateStmt":
            guard let table = PgRangeVar(json["relation"]) else { return [] }
            let elements = json["tableElts"]?.array ?? []
            return located(.createTable(TableCreation(
                table: table.reference, columns: elements.compactMap(PgColumnDef.init).map(\.definition),
                constraints: elements.compactMap(PgConstraint.init).compactMap(\.definition))), table.location)
        case "CreateTableAsStmt":
            guard let table = PgRangeVar(json["into"]?["rel"]) else { return [] }
            let kind = json["objtype"]?.string == "OBJECT_MATVIEW"
            return kind ? located(.create(.materializedView, table.reference), table.location)
                : located(.createTable(TableCreation(table: table.reference, fromQuery: true)), table.location)
        case "CreateEnumStmt":
            guard let name = PgName.reference(json["typeName"]) else { return [] }
            return located(.createType(name, enumValues: PgName.parts(json["vals"])))
        case "CompositeTypeStmt":
            return PgRangeVar(json["typevar"]).map { located(.createType($0.reference, enumValues: nil)) } ?? []
        case "CreateDomainStmt":
            return PgName.reference(json["domainname"]).map { located(.create(.domain, $0)) } ?? []
        case "CreateSeqStmt":
            return PgRangeVar(json["sequence"]).map { located(.create(.sequence, $0.reference), $0.location) } ?? []
        case "ViewStmt":
            return PgRangeVar(json["view"]).map { located(.create(.view, $0.reference), $0.location) } ?? []
        case "CreateSchemaStmt":
            return json["schemaname"]?.string.map { located(.create(.schema, TableReference(name: $0))) } ?? []
        case "CreateExtensionStmt":
            return json["extname"]?.string.map { located(.create(.extension, TableReference(name: $0))) } ?? []
        case "CreateTrigStmt":
            guard let name = json["trigname"]?.string, let table = PgRangeVar(json["relation"]) else { return [] }
            return located(.create(.trigger, TableReference(schema: table.schema, name: name)), table.location)
        case "DropdbStmt":
            return json["dbname"]?.string.map { located(.drop(ObjectDrop(kind: .database, names: [TableReference(name: $0)]))) } ?? []
        case "TruncateStmt":
            let tables = json["relations"]?.array?.compactMap { PgRangeVar($0["RangeVar"]) } ?? []
            return located(.truncate(tables.map(\.reference), cascade: json["behavior"]?.string == "DROP_CASCADE"), tables.first?.location)
        case "UpdateStmt", "DeleteStmt":
            guard let table = PgRangeVar(json["relation"]) else { return [] }
            let filtered = json["whereClause"] != nil
            return located(statement.node == "UpdateStmt" ? .update(table.reference, filtered: filtered) : .delete(table.reference, filtered: filtered),
                           table.location)
        case "InsertStmt":
            guard let target = PgRangeVar(json["relation"]), let select = json["selectStmt"]?["SelectStmt"],
                  select["valuesLists"] == nil, let source = firstRelation(in: select["fromClause"])
            else { return [] }
            let columns = json["cols"]?.array?.compactMap { $0["ResTarget"]?["name"]?.string } ?? []
            return located(.copyRows(into: target.reference, from: source.reference, columns: columns), target.location)
        case "AlterTableStmt":
            return alterTable(json)
        case "RenameStmt":
            return rename(json)
        case "LockStmt":
            let tables = json["relations"]?.array?.compactMap { PgRangeVar($0["RangeVar"]) } ?? []
            let mode = LockMode(rawValue: json["mode"]?.int ?? LockMode.accessExclusive.rawValue) ?? .accessExclusive
            return located(.lockTable(tables.map(\.reference), mode), tables.first?.location)
        case "RefreshMatViewStmt":
            guard let view = PgRangeVar(json["relation"]) else { return [] }
            return located(.refreshMaterializedView(view.reference, concurrently: json["concurrent"]?.bool ?? false), view.location)
        default:
            return []
        }
    }

    /// The first table a `FROM` list names, depth first.
    private static func firstRelation(in json: JSONValue?) -> PgRangeVar? {
        guard let json else { return nil }
        if let relation = PgRangeVar(json["RangeVar"]) { return relation }
        switch json {
        case .object(let members):
            return members.lazy.compactMap { firstRelation(in: $0.value) }.first
        case .array(let items): return items.lazy.compactMap { firstRelation(in: $0) }.first
        default: return nil
        }
    }

    /// The actions of the statements ``PgStatement`` decodes; `nil` for the others.
    private static func typedActions(of statement: PgStatement) -> [(SchemaAction, Int?)]? {
        switch statement {
        case .createIndex(let index):
            guard let table = index.relation else { return [] }
            return [(.createIndex(IndexBuild(
                name: index.name, table: table.reference, columns: index.columns, unique: index.unique, concurrently: index.concurrently)),
                     table.location)]
        case .drop(let drop):
            return [(.drop(ObjectDrop(kind: objectKind(drop.removeType), names: drop.names, cascade: drop.cascade, concurrently: drop.concurrently)), nil)]
        case .alterEnum(let alter):
            guard let type = alter.type, let value = alter.newValue else { return [] }
            if let old = alter.oldValue {
                return [(.rename(Rename(kind: .enumValue, owner: type, from: TableReference(name: old), to: value)), nil)]
            }
            return [(.addEnumValue(type: type, value: value), nil)]
        case .reindex(let reindex):
            let kind: ObjectKind = switch reindex.kind {
            case "REINDEX_OBJECT_INDEX": .index
            case "REINDEX_OBJECT_TABLE": .table
            case "REINDEX_OBJECT_SCHEMA": .schema
            default: .database
            }
            let target = reindex.relation?.reference ?? TableReference(name: reindex.name ?? "")
            return [(.reindex(kind, target, concurrently: reindex.concurrently), reindex.relation?.location)]
        case .vacuum(isVacuum: true, let options, let tables) where options.contains("full"):
            return [(.vacuumFull(tables), nil)]
        case .vacuum:
            return []
        case .cluster(let table):
            return [(.cluster(table?.reference), table?.location)]
        case .variableSet(let set):
            guard let name = set.name else { return [] }
            return [(.setting(name: name, value: set.kind == "VAR_SET_VALUE" ? set.value ?? "?" : nil, local: set.isLocal), nil)]
        case .transaction, .alterTable, .declareCursor, .discard, .alterDatabase, .alterSubscription, .other:
            return nil
        }
    }

    /// `OBJECT_TABLE` and friends (parsenodes.h `ObjectType`).
    private static func objectKind(_ removeType: String) -> ObjectKind {
        switch removeType {
        case "OBJECT_TABLE": .table
        case "OBJECT_INDEX": .index
        case "OBJECT_SEQUENCE": .sequence
        case "OBJECT_VIEW": .view
        case "OBJECT_MATVIEW": .materializedView
        case "OBJECT_TYPE": .type
        case "OBJECT_DOMAIN": .domain
        case "OBJECT_SCHEMA": .schema
        case "OBJECT_FUNCTION", "OBJECT_PROCEDURE", "OBJECT_ROUTINE", "OBJECT_AGGREGATE": .function
        case "OBJECT_EXTENSION": .extension
        case "OBJECT_TRIGGER": .trigger
        case "OBJECT_POLICY": .policy
        default: .other
        }
    }

    private static func alterTable(_ json: JSONValue) -> [StatementAction] {
        guard let relation = PgRangeVar(json["relation"]) else { return [] }
        let table = relation.reference
        guard json["objtype"]?.string ?? "OBJECT_TABLE" == "OBJECT_TABLE" else { return [] }
        return (json["cmds"]?.array ?? []).compactMap(PgAlterTableCommand.init).compactMap { command in
            let column = command.name ?? ""
            let action: SchemaAction
            var location = relation.location
            switch command.subtype {
            case "AT_AddColumn":
                guard let definition = PgColumnDef(command.definition) else { return nil }
                location = definition.location ?? location
                action = .addColumn(table: table, definition.definition)
            case "AT_DropColumn": action = .dropColumn(table: table, column: column, cascade: command.cascade)
            case "AT_AlterColumnType":
                guard let type = PgColumnDef(command.definition)?.type else { return nil }
                location = PgColumnDef(command.definition)?.location ?? location
                action = .alterColumnType(table: table, column: column, to: type)
            case "AT_SetNotNull": action = .setNotNull(table: table, column: column)
            case "AT_DropNotNull": action = .dropNotNull(table: table, column: column)
            case "AT_ColumnDefault":
                action = command.definition == nil
                    ? .dropDefault(table: table, column: column)
                    : .setDefault(table: table, column: column, PgExpression.defaultValue(command.definition))
            case "AT_AddConstraint":
                guard let constraint = PgConstraint(command.definition), let definition = constraint.definition else { return nil }
                location = constraint.location ?? location
                action = .addConstraint(table: table, definition)
            case "AT_ValidateConstraint": action = .validateConstraint(table: table, name: column)
            case "AT_DropConstraint": action = .dropConstraint(table: table, name: column, cascade: command.cascade)
            case "AT_SetTableSpace": action = .setTablespace(table)
            case "AT_DetachPartition", "AT_DetachPartitionFinalize":
                let partition = PgRangeVar(command.definition?["PartitionCmd"]?["name"])?.reference ?? table
                action = .detachPartition(
                    table: table, partition: partition, concurrently: command.definition?["PartitionCmd"]?["concurrent"]?.bool ?? false)
            default:
                return nil
            }
            return StatementAction(action, byteOffset: location)
        }
    }

    private static func rename(_ json: JSONValue) -> [StatementAction] {
        guard let newName = json["newname"]?.string else { return [] }
        let relation = PgRangeVar(json["relation"])
        let rename: Rename
        switch json["renameType"]?.string {
        case "OBJECT_TABLE", "OBJECT_VIEW", "OBJECT_MATVIEW", "OBJECT_FOREIGN_TABLE":
            guard let relation else { return [] }
            rename = Rename(kind: .table, from: relation.reference, to: newName)
        case "OBJECT_COLUMN":
            guard let relation, let column = json["subname"]?.string else { return [] }
            rename = Rename(kind: .column, owner: relation.reference, from: TableReference(name: column), to: newName)
        case "OBJECT_INDEX":
            guard let relation else { return [] }
            rename = Rename(kind: .index, from: relation.reference, to: newName)
        case "OBJECT_TABCONSTRAINT":
            guard let relation, let name = json["subname"]?.string else { return [] }
            rename = Rename(kind: .constraint, owner: relation.reference, from: TableReference(schema: relation.schema, name: name), to: newName)
        case "OBJECT_TYPE", "OBJECT_DOMAIN":
            guard let type = PgName.reference(json["object"]) else { return [] }
            rename = Rename(kind: .type, from: type, to: newName)
        case "OBJECT_SEQUENCE":
            guard let relation else { return [] }
            rename = Rename(kind: .sequence, from: relation.reference, to: newName)
        case "OBJECT_SCHEMA":
            rename = Rename(kind: .schema, from: TableReference(name: json["subname"]?.string ?? ""), to: newName)
        default:
            return []
        }
        return [StatementAction(.rename(rename), byteOffset: relation?.location)]
    }
}
