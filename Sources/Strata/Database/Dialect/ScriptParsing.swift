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

    /// Lint rules that only make sense for this database (they read facts
    /// only its parser gives); the engine's own rules apply to every dialect.
    var lintRules: [any LintRule] { get }

    /// The type a column type's spelling names, as the lint facts name types
    /// (for reading a live schema's column types); `nil` when unknown.
    func typeName(spelledAs spelling: String) -> TypeName?
}

extension ScriptParsing {
    public var lintRules: [any LintRule] { [] }

    public func typeName(spelledAs spelling: String) -> TypeName? { nil }

    public func splitWithoutClassifying(script: String) throws -> [ScriptStatement] {
        try split(script: script)
    }
}
