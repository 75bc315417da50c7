/// Judges migrations before they run: every statement against every rule,
/// in the context of what the run did before it and, when connected, of the
/// live tables.
///
/// ```swift
/// let linter = try Linter(dialect: PostgresDialect(), configuration: configuration.lint)
/// let input = try linter.read([[try MigrationScript(readingFile: "migrations/2024_add_index/migration.sql")]])
/// let report = linter.judge(input)
/// for finding in report.findings { print(finding.place, finding.message) }
/// ```
public struct Linter: Sendable {
    /// The rules in force: the engine's and the dialect's, minus those turned off.
    public let rules: [any LintRule]
    /// Their `info` and ids, read once (an existential's property is a copy each time).
    private let infos: [LintRuleInfo]
    private let ids: [String]
    /// Which rules to ask about a statement: those asked about every one, and those by action kind.
    private let everyStatement: [Int]
    private let byKind: [ActionKind: [Int]]
    /// Every rule id the dialect knows, for checking ignores.
    private let knownIDs: Set<String>
    public let dialect: any Dialect
    public let configuration: LintConfiguration
    /// Strata's own `lock_timeout` for migration statements (`nil`: turned off).
    public let statementLockTimeout: Duration?
    /// Whether findings name the `strata migrate new --recipe` command that
    /// makes the change safe (the driver writes recipes: PostgreSQL).
    public let offersRecipes: Bool

    private static let ignoreMarker = Array("strata:lint-ignore".utf8)

    /// The built-in rule for a file the dialect cannot parse.
    public static let syntaxErrorRule = "syntax-error"

    /// - Throws: ``ConfigurationError`` when the configuration names a rule that does not exist.
    public init(
        dialect: any Dialect, configuration: LintConfiguration = LintConfiguration(), statementLockTimeout: Duration? = nil,
        offersRecipes: Bool = false
    ) throws {
        let all = Self.allRules(for: dialect)
        let known = Set(all.map(\.info.id))
        if let unknown = configuration.severities.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConfigurationError(
                "strata.toml: lint.rules names `\(unknown)`, which is not a \(dialect.name) rule",
                nextStep: Self.suggestion(for: unknown, among: known))
        }
        self.dialect = dialect
        self.configuration = configuration
        self.statementLockTimeout = statementLockTimeout
        self.offersRecipes = offersRecipes
        rules = all.filter { configuration.severities[$0.info.id] != .some(nil) }
        infos = rules.map(\.info)
        ids = infos.map(\.id)
        var everyStatement: [Int] = []
        var byKind: [ActionKind: [Int]] = [:]
        for (index, rule) in rules.enumerated() {
            guard let triggers = rule.triggers else { everyStatement.append(index); continue }
            for kind in triggers { byKind[kind, default: []].append(index) }
        }
        self.everyStatement = everyStatement
        self.byKind = byKind
        knownIDs = known
    }

    /// Every rule for a dialect: the engine's, then the dialect's own.
    public static func allRules(for dialect: any Dialect) -> [any LintRule] {
        LintRules.engine + dialect.lintRules
    }

    static func suggestion(for unknown: String, among known: Set<String>) -> String {
        let hint = known.closest(to: unknown).map { " (did you mean `\($0)`?)" } ?? ""
        return "`strata lint --rules` lists the rule ids\(hint)"
    }

    // MARK: - Reading

    /// Migrations split into statements, grouped into runs, ready to judge.
    public struct Input: Sendable {
        struct File: Sendable {
            let script: MigrationScript
            let source: SourceText
            let statements: [ScriptStatement]
            let decision: TransactionDecision?
            let ignores: [[LintIgnore]]
            let startsRun: Bool
            let unreadable: LintFinding?
        }

        let files: [File]
        let notes: [String]

        /// The relations the statements lock, for reading their live statistics.
        public var lockedRelations: [TableReference] {
            var seen = Set<TableReference>()
            var relations: [TableReference] = []
            for file in files {
                for statement in file.statements {
                    for lock in statement.facts.locks where seen.insert(lock.relation).inserted { relations.append(lock.relation) }
                }
            }
            return relations
        }
    }

    /// Splits every script. Each inner array is one run: what its files
    /// create is new for the files after it in the same run.
    ///
    /// - Throws: ``MigrationFileError`` for a `-- strata:lint-ignore` that names no rule of this dialect.
    public func read(_ runs: [[MigrationScript]]) throws -> Input {
        let scripts = runs.flatMap { run in run.enumerated().map { (script: $0.element, startsRun: $0.offset == 0) } }
        // Each file is split on its own: on every core.
        let read = try scripts.concurrentMap { entry in
            var notes: [String] = []
            let file = try self.read(entry.script, startsRun: entry.startsRun, notes: &notes)
            return (file, notes)
        }
        return Input(files: read.map(\.0), notes: read.flatMap(\.1))
    }

    /// Scripts the engine already split (deploy's pending migrations), as one run: nothing is parsed again.
    func read(prepared scripts: [PreparedScript]) throws -> Input {
        Input(files: try scripts.enumerated().map { index, prepared in
            try file(prepared.script, source: prepared.source, statements: prepared.statements, startsRun: index == 0)
        }, notes: [])
    }

    private func read(_ script: MigrationScript, startsRun: Bool, notes: inout [String]) throws -> Input.File {
        var sql = script.sql
        let split = { (sql: String) in
            script.directives.transaction == nil ? try dialect.split(script: sql) : try dialect.splitWithoutClassifying(script: sql)
        }
        var statements: [ScriptStatement]
        do {
            do {
                statements = try split(sql)
            } catch let error as ScriptSyntaxError {
                let (blanked, lines) = PsqlMetaCommands.blanked(in: sql)
                guard !lines.isEmpty else { throw error }
                statements = try split(blanked)
                sql = blanked
                notes.append("\(script.path): skipped psql meta-command" + (lines.count == 1 ? " on line " : "s on lines ")
                    + lines.map(String.init).joined(separator: ", ") + " (Strata runs SQL, not psql scripts)")
            }
        } catch let error as ScriptSyntaxError {
            let source = SourceText(script.sql)
            let location = error.byteOffset.map(source.location(ofByte:)) ?? SourceLocation(line: 1, column: 1)
            let finding = LintFinding(
                rule: Self.syntaxErrorRule, severity: .error, file: script.path, line: location.line, column: location.column,
                message: "\(dialect.name) cannot parse this: \(error.message)",
                why: "a script that does not parse fails before any of its statements runs",
                fix: error.hint ?? "fix the SQL at line \(location.line)", statement: "", statementLine: location.line,
                sourceLine: source.line(location.line))
            return Input.File(script: script, source: source, statements: [], decision: nil, ignores: [], startsRun: startsRun, unreadable: finding)
        }
        return try file(script, source: SourceText(sql), statements: statements, startsRun: startsRun)
    }

    private func file(_ script: MigrationScript, source: SourceText, statements: [ScriptStatement], startsRun: Bool) throws -> Input.File {
        let known = knownIDs
        try check(script.directives.lintIgnores, known: known, path: script.path)
        var ignores: [[LintIgnore]] = []
        var previousEnd = 0
        for statement in statements {
            let gapStart = min(previousEnd, statement.byteOffset)
            let found = source.contains(Self.ignoreMarker, inBytes: gapStart..<statement.byteOffset)
                ? try LintIgnore.directives(
                    in: Substring(source.text(bytes: gapStart..<statement.byteOffset)), firstLine: source.location(ofByte: gapStart).line,
                    path: script.path)
                : []
            try check(found, known: known, path: script.path)
            ignores.append(found)
            previousEnd = statement.byteOffset + statement.sql.utf8.count
        }
        let decision = TransactionDecision(statements: statements, directive: script.directives.transaction, dialect: dialect, source: source)
        return Input.File(
            script: script, source: source, statements: statements, decision: decision, ignores: ignores, startsRun: startsRun, unreadable: nil)
    }

    private func check(_ ignores: [LintIgnore], known: Set<String>, path: String) throws {
        for ignore in ignores {
            if let unknown = ignore.rules.first(where: { !known.contains($0) && $0 != Self.syntaxErrorRule }) {
                throw MigrationFileError(
                    path: path, location: SourceLocation(line: ignore.line, column: 1),
                    problem: "`-- strata:lint-ignore` names `\(unknown)`, which is not a \(dialect.name) rule",
                    nextStep: Self.suggestion(for: unknown, among: known))
            }
        }
    }

    // MARK: - Judging

    /// Judges every statement in order.
    ///
    /// - Parameters:
    ///   - schema: the live schema before the first run, when connected.
    ///   - statistics: live sizes of the relations (see ``Input/lockedRelations``).
    ///   - lockReport: whether to fill ``LintReport/statements`` with every statement's locks.
    public func judge(
        _ input: Input, schema: Schema? = nil, statistics: [TableReference: RelationStatistics] = [:], lockReport: Bool = false
    ) -> LintReport {
        let context = LintContext(
            quote: { [dialect] in dialect.quoteIdentifier($0) },
            knowledge: schema.map { LintKnowledge(schema: $0, typeName: dialect.typeName(spelledAs:)) } ?? LintKnowledge(), statementLockTimeout: statementLockTimeout,
            statistics: statistics)
        var report = LintReport(files: [], findings: [], statements: [], notes: input.notes)
        var transactionCounter = 0
        for file in input.files {
            report.files.append(file.script.path)
            if file.startsRun { context.knowledge.startRun() }
            if let unreadable = file.unreadable {
                report.findings.append(unreadable)
                continue
            }
            guard let decision = file.decision else { continue }
            context.migrationSetsLockTimeout = false
            var transaction: Int?
            if decision.execution == .transaction { transactionCounter += 1 }
            let fileTransaction = decision.execution == .transaction ? transactionCounter : nil
            let factsOfFile = file.statements.map(\.facts)
            let fileIgnores = Set(file.script.directives.lintIgnores.flatMap(\.rules))
            for (index, statement) in file.statements.enumerated() {
                context.upcoming = factsOfFile[(index + 1)...]
                let inFileTransaction = fileTransaction != nil && decision.frame.inside.contains(index)
                if case .controlsTransaction(let control) = statement.requirement, !inFileTransaction {
                    switch control {
                    case .begin:
                        transactionCounter += 1
                        transaction = transactionCounter
                    case .commit, .rollback:
                        if let open = transaction { context.knowledge.endTransaction(open) }
                        transaction = nil
                    }
                }
                let current = inFileTransaction ? fileTransaction : transaction
                let linted = LintedStatement(
                    path: file.script.path, sql: statement.sql, byteOffset: statement.byteOffset, facts: statement.facts,
                    inTransaction: current != nil, transaction: current, requirement: statement.requirement)
                let ignored = fileIgnores.isEmpty && file.ignores[index].isEmpty
                    ? fileIgnores : fileIgnores.union(file.ignores[index].flatMap(\.rules))
                for index in askedRules(about: statement.facts) where ignored.isEmpty || !ignored.contains(ids[index]) {
                    for violation in rules[index].check(linted, in: context) {
                        report.findings.append(finding(violation, of: infos[index], statement: linted, source: file.source, context: context))
                    }
                }
                if lockReport { report.statements.append(locks(of: linted, source: file.source, context: context)) }
                context.knowledge.learn(statement.facts, transaction: current)
                for action in statement.facts.actions {
                    if case .setting(let name, let value, _) = action.action, name == "lock_timeout" {
                        context.migrationSetsLockTimeout = value != nil
                    }
                }
            }
            if let fileTransaction { context.knowledge.endTransaction(fileTransaction) }
            if let open = transaction { context.knowledge.endTransaction(open) }
        }
        return report
    }

    /// The rules to ask about a statement, in the rules' order.
    private func askedRules(about facts: StatementFacts) -> [Int] {
        guard !facts.actions.isEmpty else { return everyStatement }
        var asked = everyStatement
        for located in facts.actions { asked += byKind[located.action.kind] ?? [] }
        // One action asks each rule at most once; several (three DROP COLUMNs) may ask one twice.
        return facts.actions.count == 1 ? asked.sorted() : Array(Set(asked)).sorted()
    }

    private func finding(
        _ violation: LintViolation, of rule: LintRuleInfo, statement: LintedStatement, source: SourceText, context: LintContext
    ) -> LintFinding {
        let place = source.location(ofByte: violation.byteOffset ?? statement.byteOffset)
        var severity = (configuration.severities[rule.id] ?? nil) ?? rule.severity
        let relation = violation.relation ?? statement.facts.locks.first?.relation
        let statistics = relation.flatMap(context.statistics(of:))
        var sizeUnknown = false
        if rule.scalesWithTableSize {
            if let rows = statistics?.rows {
                if rows < configuration.smallTableRows { severity = .info }
                if rows >= configuration.largeTableRows { severity = .error }
            } else {
                // Without the table's size there is no evidence of harm: advice, until linted against the database.
                severity = min(severity, .info)
                sizeUnknown = true
            }
        }
        return LintFinding(
            rule: rule.id, severity: severity, file: statement.path, line: place.line, column: place.column,
            message: violation.message, why: rule.why, fix: violation.fix ?? rule.fix, recipe: recipeCommand(violation),
            statement: statement.sql,
            statementLine: source.location(ofByte: statement.byteOffset).line, sourceLine: source.line(place.line),
            size: relation.flatMap { relation in statistics.map { "\(relation): \($0.summary)" } }, sizeUnknown: sizeUnknown)
    }

    /// The recipe command for a finding, where the rule asked for one and the driver writes recipes.
    private func recipeCommand(_ violation: LintViolation) -> String? {
        guard offersRecipes else { return nil }
        return violation.recipe?.commandLine
    }

    private func locks(of statement: LintedStatement, source: SourceText, context: LintContext) -> StatementLocks {
        StatementLocks(
            file: statement.path, line: source.location(ofByte: statement.byteOffset).line, statement: statement.sql,
            inTransaction: statement.inTransaction,
            locks: statement.facts.locks.map { lock in
                var lock = lock
                if lock.effect == .rewrite, onlyCompatibleTypeChanges(statement.facts, on: lock.relation, context: context) { lock.effect = .none }
                let statistics = context.knowledge.isNew(table: lock.relation) ? nil : context.statistics(of: lock.relation)
                return StatementLocks.Lock(
                    relation: lock.relation.description, mode: lock.mode.name, effect: lock.effect.rawValue,
                    size: statistics?.summary, consequence: LockConsequence.sentence(for: lock, statistics: statistics,
                                                                                      isNew: context.knowledge.isNew(table: lock.relation)))
            })
    }
}

extension Linter {
    /// Whether every action that could rewrite `table` is a type change the knowledge shows to be binary-compatible.
    func onlyCompatibleTypeChanges(_ facts: StatementFacts, on table: TableReference, context: LintContext) -> Bool {
        var sawTypeChange = false
        for located in facts.actions {
            switch located.action {
            case .alterColumnType(let target, let column, let type) where target.matches(table):
                guard let old = context.knowledge.column(column, of: table)?.type, TypeChange.isBinaryCompatible(from: old, to: type) else { return false }
                sawTypeChange = true
            case .addColumn(let target, let column) where target.matches(table):
                if column.generated != nil || column.isSerial || column.defaultValue?.volatility == .volatile { return false }
            case .setTablespace, .vacuumFull, .cluster, .refreshMaterializedView, .update:
                return false
            default:
                break
            }
        }
        return sawTypeChange
    }
}
