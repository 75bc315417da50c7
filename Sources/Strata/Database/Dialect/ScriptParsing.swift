/// Reading a migration script as the database would: its statements, and
/// how each must run.
public protocol ScriptParsing: Sendable {
    /// Splits a migration script into statements and classifies each one.
    /// Throws ``ScriptSyntaxError`` when the script cannot be read as SQL.
    func split(script: String) throws -> [ScriptStatement]

    /// Splits a script whose `-- strata:transaction` directive already decides
    /// how it runs, so statements need no classification. A dialect whose
    /// parser may lag behind the server splits leniently here.
    func splitWithoutClassifying(script: String) throws -> [ScriptStatement]
}

extension ScriptParsing {
    public func splitWithoutClassifying(script: String) throws -> [ScriptStatement] {
        try split(script: script)
    }
}
