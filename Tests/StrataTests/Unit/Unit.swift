import Testing

/// Tests that need no database: configuration, files, checksums, plans and
/// the SQL Strata generates. Each subject has its own file and nested suite.
@Suite("Unit")
enum Unit {}
