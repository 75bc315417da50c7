import ArgumentParser

/// `strata completions bash|zsh|fish`
struct Completions: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the shell completion script for bash, zsh or fish.",
        discussion: """
            bash: strata completions bash > /etc/bash_completion.d/strata
            zsh:  strata completions zsh > "${fpath[1]}/_strata"
            fish: strata completions fish > ~/.config/fish/completions/strata.fish
            """)

    @Argument(help: ArgumentHelp("The shell: bash, zsh or fish.", valueName: "shell"))
    var shell: String

    func run() throws {
        guard let kind = CompletionShell(rawValue: shell) else {
            throw ValidationError("no completions for `\(shell)`: choose bash, zsh or fish")
        }
        Console.shared.line(StrataCommand.completionScript(for: kind))
    }
}
