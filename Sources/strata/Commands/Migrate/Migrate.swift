import ArgumentParser

/// `strata migrate ...`
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create, apply, inspect and roll back migrations.",
        subcommands: [New.self, Dev.self, Diff.self, MigratePlan.self, Deploy.self, Status.self, Down.self, Reset.self, Resolve.self, Baseline.self, Hash.self, RollbackTest.self, Rehearse.self])
}
