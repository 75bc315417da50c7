/// A statement run outside a transaction whose effect the database's
/// catalog shows, so that after a failure or a crash Strata reports what is
/// there instead of guessing: a failed `CREATE INDEX CONCURRENTLY` leaves an
/// invalid index behind, and a run killed after such a statement but before
/// its progress was recorded has done more than its history row says.
public enum CatalogCheck: Sendable, Equatable {
    /// `CREATE INDEX CONCURRENTLY index ON table`: done when the index exists and is valid.
    case indexBuilt(index: String, table: TableReference)
    /// `DROP INDEX CONCURRENTLY index`: done when the index is gone.
    case indexDropped(index: TableReference)
    /// `ALTER TYPE type ADD VALUE 'value'`: done when the type has the value.
    case enumValueAdded(type: TableReference, value: String)
}

/// What the catalog shows of a ``CatalogCheck``'s statement.
public enum CatalogEffect: Sendable, Equatable {
    /// It took effect completely (an index built and valid).
    case done
    /// Nothing of it is there.
    case notDone
    /// Half done: `what` says what is left (e.g. `the invalid index public.t_v_idx`),
    /// `cleanup` removes it, after which the statement can run again.
    case leftover(what: String, cleanup: String)
}
