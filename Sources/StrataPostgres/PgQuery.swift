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
        /// the classifier and the facts look into (``PostgresStatementClassifier/inspectedNodes``).
        let fields: JSONValue
        /// The statement decoded into typed values, for the node types that decide how it runs.
        let statement: PgStatement
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
        /// Where the part of the script it was parsed in starts: the `location`s inside `fields` count from there.
        var base = 0

        /// The statement as found in a part of a script that starts `offset` bytes into it.
        func shifted(by offset: Int, partLength: Int, isLast: Bool) -> ParsedStatement {
            ParsedStatement(
                node: node, fields: fields, statement: statement, location: location + offset,
                // "To the end" of a part that is not the script's last is to the end of that part.
                length: length ?? (isLast ? nil : partLength - location), mentionsSetConfig: mentionsSetConfig,
                mentionsTemporary: mentionsTemporary, stringConstants: stringConstants, base: offset)
        }
    }

    /// The PostgreSQL version whose grammar the parser speaks.
    static let grammarVersion = PG_MAJORVERSION

    /// Parses a whole script. A long one (hand-written migrations of tens of
    /// thousands of lines, seed files) is cut at statement boundaries by the
    /// scanner and its parts parsed on every core: statements parse
    /// independently, and libpg_query is thread-safe.
    ///
    /// - Throws: ``ScriptSyntaxError`` with the byte offset of the error.
    static func parse(_ script: String) throws -> [ParsedStatement] {
        let size = script.utf8.count
        guard size >= 2 * minimumPartSize else { return try parseWhole(script) }
        let parts = min(Cores.active, size / minimumPartSize)
        guard parts > 1, let starts = try? partStarts(script, parts: parts), starts.count > 1 else { return try parseWhole(script) }
        let bytes = Array(script.utf8)
        let ends = Array(starts.dropFirst()) + [bytes.count]
        let parsed = try Array(starts.indices).concurrentMap { part in
            let start = starts[part], end = ends[part]
            do {
                return try parseWhole(String(decoding: bytes[start..<end], as: UTF8.self))
                    .map { $0.shifted(by: start, partLength: end - start, isLast: part == starts.count - 1) }
            } catch var error as ScriptSyntaxError {
                error.byteOffset = error.byteOffset.map { $0 + start }
                throw error
            }
        }
        return parsed.flatMap { $0 }
    }

    /// Below this many bytes per part, a script is parsed in one go.
    private static let minimumPartSize = 128 * 1024

    /// Where each of `parts` roughly equal parts starts: at a statement's first byte.
    private static func partStarts(_ script: String, parts: Int) throws -> [Int] {
        let pieces = try scan(script)
        guard pieces.count > parts else { return [0] }
        let size = script.utf8.count
        var starts = [0]
        for piece in pieces where piece.location >= starts.count * size / parts {
            starts.append(piece.location)
            if starts.count == parts { break }
        }
        return starts
    }

    private static func parseWhole(_ script: String) throws -> [ParsedStatement] {
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
                in: json, keepingFieldsOf: materializedNodes,
                bounded: ["InsertStmt": 16 * 1024])
        } catch {
            throw ScriptSyntaxError(message: "the parser's output could not be read", byteOffset: nil)
        }
        return statements.map { entry in
            let fields = entry.fields ?? .object([])
            return ParsedStatement(
                node: entry.node, fields: fields, statement: PgStatement(node: entry.node, fields: fields), location: entry.location,
                length: entry.length == 0 ? nil : entry.length, mentionsSetConfig: entry.mentionsSetConfig,
                mentionsTemporary: entry.mentionsTemporary, stringConstants: entry.stringConstants)
        }
    }

    /// Every node type whose fields are read, made once (not a set union per script).
    private static let materializedNodes = PostgresStatementClassifier.inspectedNodes.union(inspectedForFacts)

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
