import Strata

/// The statements whose fields decide how a script runs, decoded once from
/// the parse tree into typed values; the rest keep their node name (and, for
/// the node types ``PostgresStatementFacts`` reads, their fields).
enum PgStatement {
    case transaction(PgTransactionKind)
    case createIndex(PgIndexStatement)
    case drop(PgDropStatement)
    case reindex(PgReindexStatement)
    /// `VACUUM` (`isVacuum`) or `ANALYZE`, with its options and tables.
    case vacuum(isVacuum: Bool, options: [String], tables: [TableReference])
    /// `CLUSTER`, of one table or (without) of every clustered table.
    case cluster(PgRangeVar?)
    case alterTable(commands: [PgAlterTableCommand])
    case alterEnum(PgAlterEnumStatement)
    case variableSet(PgVariableSet)
    /// `DECLARE ... CURSOR`, with its `CURSOR_OPT_*` bits.
    case declareCursor(options: Int)
    /// `DISCARD`, e.g. `DISCARD_ALL`.
    case discard(target: String)
    /// `ALTER DATABASE ... SET`, with its option names (`tablespace`).
    case alterDatabase(options: [String])
    /// `ALTER SUBSCRIPTION`, with its kind (`ALTER_SUBSCRIPTION_REFRESH`).
    case alterSubscription(kind: String)
    case other(node: String)

    init(node: String, fields json: JSONValue) {
        func options(_ key: String) -> [String] { json[key]?.array?.compactMap { $0["DefElem"]?["defname"]?.string } ?? [] }
        switch node {
        case "TransactionStmt": self = .transaction(PgTransactionKind(rawValue: json["kind"]?.string ?? "") ?? .other)
        case "IndexStmt": self = .createIndex(PgIndexStatement(json))
        case "DropStmt": self = .drop(PgDropStatement(json))
        case "ReindexStmt":
            self = .reindex(PgReindexStatement(
                kind: json["kind"]?.string ?? "", relation: PgRangeVar(json["relation"]), name: json["name"]?.string,
                concurrently: options("params").contains("concurrently")))
        case "VacuumStmt":
            self = .vacuum(
                isVacuum: json["is_vacuumcmd"]?.bool ?? false, options: options("options"),
                tables: json["rels"]?.array?.compactMap { PgRangeVar($0["VacuumRelation"]?["relation"])?.reference } ?? [])
        case "ClusterStmt": self = .cluster(PgRangeVar(json["relation"]))
        case "AlterTableStmt": self = .alterTable(commands: (json["cmds"]?.array ?? []).compactMap(PgAlterTableCommand.init))
        case "AlterEnumStmt":
            self = .alterEnum(PgAlterEnumStatement(type: PgName.reference(json["typeName"]), newValue: json["newVal"]?.string, oldValue: json["oldVal"]?.string))
        case "VariableSetStmt":
            let argument = json["args"]?.array?.first?["A_Const"]
            self = .variableSet(PgVariableSet(
                kind: json["kind"]?.string ?? "", name: json["name"]?.string, isLocal: json["is_local"]?.bool ?? false,
                value: argument.flatMap { $0["sval"]?["sval"]?.string ?? $0["ival"]?["ival"]?.int.map(String.init) ?? "0" }))
        case "DeclareCursorStmt": self = .declareCursor(options: json["options"]?.int ?? 0)
        case "DiscardStmt": self = .discard(target: json["target"]?.string ?? "")
        case "AlterDatabaseStmt": self = .alterDatabase(options: options("options"))
        case "AlterSubscriptionStmt": self = .alterSubscription(kind: json["kind"]?.string ?? "")
        default: self = .other(node: node)
        }
    }
}

/// `TransactionStmt`'s kinds (parsenodes.h `TransactionStmtKind`).
enum PgTransactionKind: String {
    case begin = "TRANS_STMT_BEGIN", start = "TRANS_STMT_START", commit = "TRANS_STMT_COMMIT", rollback = "TRANS_STMT_ROLLBACK"
    case savepoint = "TRANS_STMT_SAVEPOINT", release = "TRANS_STMT_RELEASE", rollbackTo = "TRANS_STMT_ROLLBACK_TO"
    case prepare = "TRANS_STMT_PREPARE", commitPrepared = "TRANS_STMT_COMMIT_PREPARED", rollbackPrepared = "TRANS_STMT_ROLLBACK_PREPARED"
    case other
}

/// `CREATE INDEX`.
struct PgIndexStatement {
    let name: String?
    let relation: PgRangeVar?
    let columns: [String]
    let unique: Bool
    let concurrently: Bool

    init(_ json: JSONValue) {
        name = json["idxname"]?.string
        relation = PgRangeVar(json["relation"])
        columns = json["indexParams"]?.array?.compactMap { $0["IndexElem"]?["name"]?.string } ?? []
        unique = json["unique"]?.bool ?? false
        concurrently = json["concurrent"]?.bool ?? false
    }
}

/// `DROP kind names`.
struct PgDropStatement {
    /// `OBJECT_TABLE`, `OBJECT_INDEX`, ...
    let removeType: String
    let names: [TableReference]
    let cascade: Bool
    let concurrently: Bool

    init(_ json: JSONValue) {
        removeType = json["removeType"]?.string ?? ""
        names = (json["objects"]?.array ?? []).compactMap { object in
            if let name = object["String"]?["sval"]?.string { return TableReference(name: name) }
            if let type = object["TypeName"] { return PgTypeName(type).map { TableReference(schema: $0.type.schema, name: $0.type.name) } }
            if let function = object["ObjectWithArgs"] { return PgName.reference(function["objname"]) }
            return PgName.reference(object)
        }
        cascade = json["behavior"]?.string == "DROP_CASCADE"
        concurrently = json["concurrent"]?.bool ?? false
    }
}

/// `REINDEX`.
struct PgReindexStatement {
    /// `REINDEX_OBJECT_INDEX`, `_TABLE`, `_SCHEMA`, `_SYSTEM`, `_DATABASE`.
    let kind: String
    let relation: PgRangeVar?
    let name: String?
    let concurrently: Bool
}

/// `ALTER TYPE ... ADD VALUE` (no old value) or `RENAME VALUE`.
struct PgAlterEnumStatement {
    let type: TableReference?
    let newValue: String?
    let oldValue: String?

    var addsValue: Bool { newValue != nil && oldValue == nil }
}

/// `SET` / `RESET`.
struct PgVariableSet {
    /// `VAR_SET_VALUE`, `VAR_SET_DEFAULT`, `VAR_SET_MULTI` (`SET TRANSACTION ...`), `VAR_RESET`, ...
    let kind: String
    let name: String?
    let isLocal: Bool
    /// The first value of `SET name = value`, as text.
    let value: String?
}
