/// Whether a script runs in one transaction, decided from its directive and
/// its statements' classification: what ``PreparedScript`` runs by and what
/// the linter judges statements by.
struct TransactionDecision: Sendable {
    /// `.transaction` or `.statements`.
    let execution: HistoryRecord.Execution
    /// Why the script runs without a transaction, in the user's words.
    let reasonWithoutTransaction: String?
    let frame: TransactionFrame
    /// A statement that `-- strata:transaction on` cannot hold, and what it does.
    let contradiction: (statement: ScriptStatement, what: String)?

    init(statements: [ScriptStatement], directive: Bool?, dialect: any Dialect, source: SourceText) {
        func place(_ statement: ScriptStatement) -> String {
            "line \(source.location(ofByte: statement.byteOffset).line)"
        }
        let edges = TransactionFrame(around: statements)
        let body = statements[edges.before.upperBound..<edges.after.lowerBound]
        let control = body.first { if case .controlsTransaction = $0.requirement { true } else { false } }
        let refusing = body.first { statement in
            switch statement.requirement {
            case .mustRunOutsideTransaction, .aroundTransaction: true
            case .none, .controlsTransaction: false
            }
        }
        var contradiction: (ScriptStatement, String)?

        switch directive {
        case false?:
            (execution, reasonWithoutTransaction) = (.statements, "`-- strata:transaction off`")
        case true?:
            if let offender = control ?? refusing {
                let what: String
                switch offender.requirement {
                case .controlsTransaction(let kind): what = "\(kind.rawValue) manages its own transaction"
                case .mustRunOutsideTransaction(let reason), .aroundTransaction(let reason): what = reason
                case .none: what = ""
                }
                contradiction = (offender, what)
            }
            (execution, reasonWithoutTransaction) = (.transaction, nil)
        case nil:
            if !dialect.supportsTransactionalDDL {
                (execution, reasonWithoutTransaction) = (.statements, "\(dialect.name) commits DDL implicitly")
            } else if let control {
                (execution, reasonWithoutTransaction) = (.statements, "it manages its own transaction (\(place(control)))")
            } else if let refusing {
                let reason = switch refusing.requirement {
                case .mustRunOutsideTransaction(let reason): reason
                case .aroundTransaction(let reason): reason + " and is not at the start or end of the file"
                case .none, .controlsTransaction: ""
                }
                (execution, reasonWithoutTransaction) = (.statements, "\(reason) (\(place(refusing)))")
            } else {
                (execution, reasonWithoutTransaction) = (.transaction, nil)
            }
        }
        self.contradiction = contradiction
        frame = execution == .transaction ? edges : TransactionFrame(count: statements.count)
    }
}
