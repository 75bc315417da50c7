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
    /// In a transaction: the leading statements that run just before it
    /// opens and the trailing ones just after it closes
    /// (``TransactionRequirement/aroundTransaction(reason:)``).
    let frame: TransactionFrame
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

        let decision = TransactionDecision(statements: statements, directive: script.directives.transaction, dialect: dialect, source: source)
        if let contradiction = decision.contradiction {
            throw MigrationFileError(
                path: script.path, location: source.location(ofByte: contradiction.statement.byteOffset),
                problem: "says `-- strata:transaction on`, but \(contradiction.what)",
                nextStep: "remove the directive (or write `-- strata:transaction off`) to run it statement by statement")
        }
        execution = decision.execution
        reasonWithoutTransaction = decision.reasonWithoutTransaction
        frame = decision.frame
    }

    /// The file location of a statement, or of a character position inside it.
    func location(of statement: ScriptStatement, characterPosition: Int? = nil) -> SourceLocation {
        guard let position = characterPosition, position > 0 else {
            return source.location(ofByte: statement.byteOffset)
        }
        return source.location(ofByte: source.byteOffset(from: statement.byteOffset, advancingCharacters: position - 1))
    }
}

/// The statements of a script that run around its transaction rather than
/// in it: a leading run and a trailing run of
/// ``TransactionRequirement/aroundTransaction(reason:)`` statements.
struct TransactionFrame: Sendable, Equatable {
    /// Indexes of the statements before `BEGIN`.
    let before: Range<Int>
    /// Indexes of the statements after `COMMIT`.
    let after: Range<Int>

    /// No frame: every statement is inside.
    init(count: Int) {
        before = 0..<0
        after = count..<count
    }

    init(around statements: [ScriptStatement]) {
        func frames(_ statement: ScriptStatement) -> Bool {
            if case .aroundTransaction = statement.requirement { true } else { false }
        }
        let leading = statements.prefix(while: frames).count
        let trailing = statements.dropFirst(leading).reversed().prefix(while: frames).count
        before = 0..<leading
        after = (statements.count - trailing)..<statements.count
    }

    /// The statements inside the transaction.
    var inside: Range<Int> { before.upperBound..<after.lowerBound }
}
