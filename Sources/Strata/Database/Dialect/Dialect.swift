/// How one database product writes SQL: the roles below, implemented once
/// by a database module (e.g. `PostgresDialect`).
///
/// The engine never asks *which* database it talks to; it asks the dialect,
/// and each part of the engine needs only one role:
///
/// | role | job |
/// |---|---|
/// | ``SQLSpelling`` | name, quoting, capabilities, error meanings |
/// | ``ScriptParsing`` | splitting and classifying migration scripts |
/// | ``HistoryVocabulary`` | transactions, time expressions, the history table's types |
/// | ``SessionSettings`` | putting a session back, lock timeouts, deferred flushes |
///
/// Rendering a schema change is not a dialect role: it is a driver's
/// ``SchemaRenderer``, and reading a live schema its session's
/// ``SchemaIntrospection``.
///
/// ```swift
/// let statements = try dialect.split(script: "CREATE TABLE t (id int); CREATE INDEX CONCURRENTLY i ON t (id)")
/// statements[1].requirement  // .mustRunOutsideTransaction(reason: "CREATE INDEX CONCURRENTLY ...")
/// ```
public protocol Dialect: SQLSpelling, ScriptParsing, HistoryVocabulary, SessionSettings {}
