import Strata

// Typed values for the parts of libpg_query's parse tree (PostgreSQL 15) that
// Strata reads, decoded from its JSON. Field names follow the server's
// parsenodes.h; libpg_query leaves out fields at their zero value (false, 0,
// empty), so a missing field reads as that.

/// `RangeVar`: a table, view, sequence or index named in a statement.
struct PgRangeVar {
    let schema: String?
    let name: String
    /// Byte offset in the script.
    let location: Int?

    init?(_ json: JSONValue?) {
        guard let json, let name = json["relname"]?.string else { return nil }
        self.name = name
        schema = json["schemaname"]?.string
        location = json["location"]?.int
    }

    var reference: TableReference { TableReference(schema: schema, name: name) }
}

/// A list of `String` nodes (`[schema, name]`), as `DROP` and `CREATE TYPE` name objects.
enum PgName {
    static func parts(_ json: JSONValue?) -> [String] {
        (json?["List"]?["items"]?.array ?? json?.array ?? []).compactMap { $0["String"]?["sval"]?.string }
    }

    static func reference(_ json: JSONValue?) -> TableReference? {
        let parts = parts(json)
        guard let name = parts.last else { return nil }
        return TableReference(schema: parts.count > 1 ? parts[parts.count - 2] : nil, name: name)
    }
}

/// `TypeName`: `pg_catalog.varchar(255)[]`.
struct PgTypeName {
    let type: TypeName

    init?(_ json: JSONValue?) {
        guard let json, let names = json["names"]?.array else { return nil }
        var parts = names.compactMap { $0["String"]?["sval"]?.string }
        guard let name = parts.popLast() else { return nil }
        let schema = parts.last.flatMap { $0 == "pg_catalog" ? nil : $0 }
        let modifiers = json["typmods"]?.array?.compactMap { $0["A_Const"].map { $0["ival"]?["ival"]?.int ?? 0 } } ?? []
        type = TypeName(
            name: name, schema: schema, modifiers: modifiers, isArray: !(json["arrayBounds"]?.array?.isEmpty ?? true),
            spelling: schema == nil ? Self.spellings[name] : nil)
    }

    /// The SQL names of the internal names the parser gives built-in types.
    static let spellings = [
        "int2": "smallint", "int4": "integer", "int8": "bigint", "float4": "real", "float8": "double precision", "bool": "boolean",
        "bpchar": "char",
    ]

    /// The type a spelling names (`VARCHAR(255)`, `TIMESTAMP(3) WITH TIME ZONE`), read by the parser.
    static func parse(_ spelling: String) -> TypeName? {
        guard let statement = try? PgQuery.parse("CREATE TABLE t (c \(spelling))").first, statement.node == "CreateStmt",
              let column = statement.fields["tableElts"]?.array?.first
        else { return nil }
        return PgColumnDef(column)?.type
    }
}

/// `Constraint`, inline on a column or on its own.
struct PgConstraint {
    let kind: String
    let name: String?
    let keys: [String]
    let expression: JSONValue?
    let referencedTable: PgRangeVar?
    let notValid: Bool
    let indexName: String?
    /// `GENERATED ALWAYS AS (...) STORED` is `a`.
    let generatedWhen: String?
    let location: Int?

    init?(_ json: JSONValue?) {
        guard let json = json?["Constraint"], let kind = json["contype"]?.string else { return nil }
        self.kind = kind
        name = json["conname"]?.string
        keys = (json["keys"]?.array ?? json["fk_attrs"]?.array ?? []).compactMap { $0["String"]?["sval"]?.string }
        expression = json["raw_expr"]
        referencedTable = PgRangeVar(json["pktable"])
        notValid = json["skip_validation"]?.bool ?? false
        indexName = json["indexname"]?.string
        generatedWhen = json["generated_when"]?.string
        location = json["location"]?.int
    }

    /// The neutral definition, for table-level and `ADD CONSTRAINT` constraints.
    var definition: ConstraintDefinition? {
        let kind: ConstraintDefinition.Kind
        switch self.kind {
        case "CONSTR_PRIMARY": kind = .primaryKey
        case "CONSTR_UNIQUE": kind = .unique
        case "CONSTR_EXCLUSION": kind = .exclusion
        case "CONSTR_CHECK": kind = .check(notNullColumn: PgExpression.notNullTestColumn(expression))
        case "CONSTR_FOREIGN":
            guard let table = referencedTable else { return nil }
            kind = .foreignKey(references: table.reference)
        default: return nil
        }
        return ConstraintDefinition(name: name, kind: kind, columns: keys, notValid: notValid, usingIndex: indexName)
    }
}

/// `ColumnDef`: a column of `CREATE TABLE` or `ADD COLUMN`.
struct PgColumnDef {
    let name: String
    let type: TypeName?
    let constraints: [PgConstraint]
    let location: Int?

    init?(_ json: JSONValue?) {
        guard let json = json?["ColumnDef"] else { return nil }
        name = json["colname"]?.string ?? ""
        type = PgTypeName(json["typeName"])?.type
        constraints = json["constraints"]?.array?.compactMap(PgConstraint.init) ?? []
        location = json["location"]?.int
    }

    var definition: ColumnDefinition {
        var column = ColumnDefinition(name: name, type: type)
        for constraint in constraints {
            switch constraint.kind {
            case "CONSTR_NOTNULL": column.notNull = true
            case "CONSTR_PRIMARY": column.primaryKey = true
            case "CONSTR_UNIQUE": column.unique = true
            case "CONSTR_DEFAULT": column.defaultValue = PgExpression.defaultValue(constraint.expression)
            case "CONSTR_IDENTITY": column.generated = .identity
            case "CONSTR_GENERATED": column.generated = .stored
            case "CONSTR_FOREIGN": column.references = constraint.referencedTable?.reference
            default: break
            }
        }
        return column
    }
}

/// `AlterTableCmd`: one clause of `ALTER TABLE`.
struct PgAlterTableCommand {
    let subtype: String
    let name: String?
    let definition: JSONValue?
    let cascade: Bool

    init?(_ json: JSONValue) {
        guard let json = json["AlterTableCmd"], let subtype = json["subtype"]?.string else { return nil }
        self.subtype = subtype
        name = json["name"]?.string
        definition = json["def"]
        cascade = json["behavior"]?.string == "DROP_CASCADE"
    }
}

/// Expressions, as far as defaults and checks need them.
enum PgExpression {
    /// Functions that give a new value per row.
    static let volatileFunctions: Set<String> = [
        "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4", "random", "clock_timestamp",
        "timeofday", "nextval", "txid_current", "pg_current_xact_id", "gen_random_bytes", "uuid_generate_v7", "uuidv7", "uuidv4",
    ]

    /// Functions that give one value for a whole statement (stable or immutable).
    static let stableFunctions: Set<String> = [
        "now", "transaction_timestamp", "statement_timestamp", "current_setting", "lower", "upper", "concat", "coalesce",
        "to_jsonb", "jsonb_build_object", "json_build_object", "jsonb_build_array", "array", "make_interval", "to_timestamp",
        "date_trunc", "timezone", "current_database", "current_schema", "length", "md5", "replace", "btrim", "trim",
    ]

    static func defaultValue(_ json: JSONValue?) -> DefaultValue {
        guard let json else { return DefaultValue(.constant) }
        switch judge(json) {
        case nil: return DefaultValue(.constant)
        case (let volatility, let function)?: return DefaultValue(volatility, function: function)
        }
    }

    /// The first function call that is volatile or unknown, depth first; `nil` when the whole expression is constant.
    private static func judge(_ json: JSONValue) -> (DefaultValue.Volatility, String)? {
        if let call = json["FuncCall"] {
            let name = PgName.parts(call["funcname"]).last ?? "?"
            if volatileFunctions.contains(name) { return (.volatile, name) }
            if !stableFunctions.contains(name) { return (.unknown, name) }
            return call["args"]?.array?.lazy.compactMap(judge).first
        }
        switch json {
        case .object(let members): return members.lazy.compactMap { judge($0.value) }.first
        case .array(let items): return items.lazy.compactMap(judge).first
        default: return nil
        }
    }

    /// The column of `column IS NOT NULL`.
    static func notNullTestColumn(_ json: JSONValue?) -> String? {
        guard let test = json?["NullTest"], test["nulltesttype"]?.string == "IS_NOT_NULL",
              let fields = test["arg"]?["ColumnRef"]?["fields"]?.array, fields.count == 1
        else { return nil }
        return fields[0]["String"]?["sval"]?.string
    }
}
