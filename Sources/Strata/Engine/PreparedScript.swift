/// A script split into statements, with the decision whether it runs in a
/// transaction and why. Made before anything touches the database, so a
/// syntax error or a contradictory directive stops the run early.
struct PreparedScript: Sendable {
    let migration: Migration
    let script: MigrationScript
    let statements: [ScriptStatement]
    let source: SourceText
    /// `.transaction` or `.statements`.
    let execution: HistoryRecord.Execution
    /// Why the script runs without a transaction, in the user's words.
    let reasonWithoutTransaction: String?
    /// Whether a statement changes the session beyond the script (see
    /// ``ScriptStatement/changesSession``).
    var changesSession: Bool { statements.contains(where: \.changesSession) }

    /// Splits and classifies `script` with the dialect.
    ///
    /// - Throws: ``MigrationFileError`` with the line and column of a syntax
    ///   error, or of a statement that contradicts `-- strata:transaction on`.
    init(migration: Migration, script: MigrationScript, dialect: any Dialect) throws {
        self.migration = migration
        self.script = script
        let sql = script.sql
        let source = SourceText(sql)
        self.source = source
        let statements: [ScriptStatement]
        do {
            statements = script.directives.transaction == nil
                ? try dialect.split(script: sql)
                : try dialect.splitWithoutClassifying(script: sql)
        } catch let error as ScriptSyntaxError {
            let location = error.byteOffset.map(source.location(ofByte:))
            let fix = "fix the SQL" + (location.map { " at line \($0.line)" } ?? "") + "; nothing was applied"
            throw MigrationFileError(
                path: script.path, location: location,
                problem: "\(dialect.name) cannot parse this: \(error.message)",
                nextStep: fix + (error.hint.map { ". " + $0 } ?? ""))
        }
        self.statements = statements

        func place(_ statement: ScriptStatement) -> String {
            "line \(source.location(ofByte: statement.byteOffset).line)"
        }
        let control = statements.first { if case .controlsTransaction = $0.requirement { true } else { false } }
        let refusing = statements.first { if case .mustRunOutsideTransaction = $0.requirement { true } else { false } }

        switch script.directives.transaction {
        case false?:
            (execution, reasonWithoutTransaction) = (.statements, "`-- strata:transaction off`")
        case true?:
            if let offender = control ?? refusing {
                let what: String
                switch offender.requirement {
                case .controlsTransaction(let kind): what = "\(kind.rawValue) manages its own transaction"
                case .mustRunOutsideTransaction(let reason): what = reason
                case .none: what = ""
                }
                throw MigrationFileError(
                    path: script.path, location: source.location(ofByte: offender.byteOffset),
                    problem: "says `-- strata:transaction on`, but \(what)",
                    nextStep: "remove the directive (or write `-- strata:transaction off`) to run it statement by statement")
            }
            (execution, reasonWithoutTransaction) = (.transaction, nil)
        case nil:
            if !dialect.supportsTransactionalDDL {
                (execution, reasonWithoutTransaction) = (.statements, "\(dialect.name) commits DDL implicitly")
            } else if let control {
                (execution, reasonWithoutTransaction) = (.statements, "it manages its own transaction (\(place(control)))")
            } else if let refusing, case .mustRunOutsideTransaction(let reason) = refusing.requirement {
                (execution, reasonWithoutTransaction) = (.statements, "\(reason) (\(place(refusing)))")
            } else {
                (execution, reasonWithoutTransaction) = (.transaction, nil)
            }
        }
    }

    /// The file location of a statement, or of a character position inside it.
    func location(of statement: ScriptStatement, characterPosition: Int? = nil) -> SourceLocation {
        guard let position = characterPosition, position > 0 else {
            return source.location(ofByte: statement.byteOffset)
        }
        return source.location(ofByte: source.byteOffset(from: statement.byteOffset, advancingCharacters: position - 1))
    }
}
