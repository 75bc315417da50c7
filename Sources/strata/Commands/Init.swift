import ArgumentParser
import Foundation
import Strata

/// `strata init`
struct Init: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create strata.toml, the migrations folder and .gitignore lines.")

    @Option(help: ArgumentHelp("Migrations folder to create.", valueName: "path"))
    var dir = "migrations"

    func run() async throws {
        let changes = try ProjectTemplate.initialize(in: FileManager.default.currentDirectoryPath, migrationsPath: dir)
        let console = Console.shared
        for change in changes {
            let path = change.path.replacingOccurrences(of: FileManager.default.currentDirectoryPath + "/", with: "")
            console.line("\(console.paint(change.action.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0), change.action == .kept ? .dim : .green)) \(path)")
        }
        console.line("Next: `strata migrate new --name init`, write its migration.sql, then `strata migrate deploy`.")
    }
}
