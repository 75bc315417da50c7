import Foundation
import Strata
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Before a destructive command runs with `--force` in an environment marked
/// `production = true`: on a terminal, the database's name must be typed.
/// Off a terminal (CI, scripts) `--force` is the confirmation.
enum ProductionConfirmation {
    static func confirm(_ configuration: Configuration, doing action: String) throws {
        guard configuration.isProduction, isatty(STDIN_FILENO) == 1 else { return }
        let name = configuration.url.databaseName
        Console.shared.note("This \(action) \(configuration.url) (environment `\(configuration.environmentName ?? "?")`, production).")
        Console.shared.prompt("Type the database name (\(name)) to go on: ")
        guard readLine(strippingNewline: true)?.trimmingCharacters(in: .whitespaces) == name else {
            throw RefusalError("refused: the name typed was not \(name); nothing was changed")
        }
    }
}
