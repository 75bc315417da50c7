import CPgQuery
import Foundation
import Strata

/// The real PostgreSQL parser (libpg_query, PostgreSQL 15 grammar), reduced
/// to what Strata needs: each statement's place in the script and its parse node.
enum PgQuery {
    /// One top-level statement as the parser sees it.
    struct ParsedStatement {
        /// The node type, e.g. `IndexStmt`.
        let node: String
        /// The node's fields as libpg_query's JSON renders them, for node types
        /// the classifier looks into (``PostgresStatementClassifier/inspectedNodes``).
        let fields: JSONValue
        /// Byte offset where the statement's text starts (after the previous `;`).
        let location: Int
        /// Byte length up to, not including, its `;`; `nil` for "to the end of the script".
        let length: Int?
        /// Whether its tree names `set_config` anywhere (a function body included).
        let mentionsSetConfig: Bool
        /// Whether its tree holds a temporary relation (`relpersistence` `t`).
        let mentionsTemporary: Bool
        /// The string constants anywhere in its tree.
        let stringConstants: Set<String>
    }

    /// The PostgreSQL version whose grammar the parser speaks.
    static let grammarVersion = PG_MAJORVERSION

    /// Parses a whole script.
    ///
    /// - Throws: ``ScriptSyntaxError`` with the byte offset of the error.
    static func parse(_ script: String) throws -> [ParsedStatement] {
        let result = pg_query_parse(script)
        defer { pg_query_free_parse_result(result) }
        if let error = result.error {
            let message = String(cString: error.pointee.message)
            let position = Int(error.pointee.cursorpos)
            let offset = position > 0
                ? SourceText(script).byteOffset(from: 0, advancingCharacters: position - 1)
                : nil
            throw ScriptSyntaxError(
                message: message, byteOffset: offset,
                hint: "If your server accepts it (syntax newer than the PostgreSQL \(grammarVersion) grammar Strata "
                    + "parses with), put `-- strata:transaction on` (or `off`) at the top of the file to let the server judge it")
        }
        guard let tree = result.parse_tree else {
            throw ScriptSyntaxError(message: "the parser returned no parse tree", byteOffset: nil)
        }
        let json = UnsafeBufferPointer(start: UnsafeRawPointer(tree).assumingMemoryBound(to: UInt8.self), count: strlen(tree))
        let statements: [ParseTreeReader.Statement]
        do {
            statements = try ParseTreeReader.statements(
                in: json, keepingFieldsOf: PostgresStatementClassifier.inspectedNodes.union(inspectedForFacts),
                bounded: ["InsertStmt": 16 * 1024])
        } catch {
            throw ScriptSyntaxError(message: "the parser's output could not be read", byteOffset: nil)
        }
        return statements.map { entry in
            ParsedStatement(
                node: entry.node, fields: entry.fields ?? .object([:]), location: entry.location,
                length: entry.length == 0 ? nil : entry.length, mentionsSetConfig: entry.mentionsSetConfig,
                mentionsTemporary: entry.mentionsTemporary, stringConstants: entry.stringConstants)
        }
    }

    /// The node types ``PostgresStatementFacts`` reads, beyond the classifier's.
    static let inspectedForFacts: Set<String> = [
        "CreateStmt", "CreateTableAsStmt", "CreateEnumStmt", "CompositeTypeStmt", "CreateDomainStmt", "CreateSeqStmt", "ViewStmt",
        "CreateSchemaStmt", "CreateExtensionStmt", "CreateTrigStmt", "DropdbStmt", "TruncateStmt", "UpdateStmt", "DeleteStmt",
        "RenameStmt", "LockStmt", "RefreshMatViewStmt",
    ]

    /// The tables, views and sequences a statement names (its `RangeVar`
    /// nodes), in order, without repeats; empty when it does not parse.
    static func relations(in sql: String) -> [TableReference] {
        let result = pg_query_parse(sql)
        defer { pg_query_free_parse_result(result) }
        guard result.error == nil, let tree = result.parse_tree,
              let json = try? JSONSerialization.jsonObject(with: Data(bytes: tree, count: strlen(tree)))
        else { return [] }
        var found: [TableReference] = []
        func visit(_ value: Any) {
            if let object = value as? [String: Any] {
                // A RangeVar, whether wrapped as a node or embedded as a typed field (`relation`).
                if let name = object["relname"] as? String, object["relpersistence"] != nil {
                    let reference = TableReference(schema: object["schemaname"] as? String, name: name)
                    if !found.contains(reference) { found.append(reference) }
                }
                object.values.forEach(visit)
            } else if let array = value as? [Any] {
                array.forEach(visit)
            }
        }
        visit(json)
        return found
    }

    /// Splits a script the parser rejects, by the scanner alone (quotes,
    /// comments, dollar quotes), for scripts whose directive makes
    /// classification unnecessary. Returns `(location, length)` pairs.
    static func scan(_ script: String) throws -> [(location: Int, length: Int?)] {
        let result = pg_query_split_with_scanner(script)
        defer { pg_query_free_split_result(result) }
        if let error = result.error {
            throw ScriptSyntaxError(message: String(cString: error.pointee.message), byteOffset: nil)
        }
        return (0..<Int(result.n_stmts)).compactMap { index in
            guard let statement = result.stmts[index]?.pointee else { return nil }
            let length = Int(statement.stmt_len)
            return (Int(statement.stmt_location), length == 0 ? nil : length)
        }
    }
}
