import Strata

/// Statements joined into one simple-protocol message, with where each one
/// starts, so an error position in the message maps back into its statement.
struct BatchMessage {
    let text: String
    /// 0-based character offset of each statement in `text`.
    private let starts: [Int]

    init(_ statements: [String]) {
        var text = ""
        var starts: [Int] = []
        var characters = 0
        for statement in statements {
            starts.append(characters)
            // A newline before `;` keeps it out of a trailing `--` comment.
            let piece = statement + "\n;\n"
            text += piece
            characters += piece.unicodeScalars.count
        }
        self.text = text
        self.starts = starts
    }

    /// The failure's error with its position counted from the start of its statement.
    func relativeToStatement(_ failure: LibPQConnection.StatementFailure) -> DatabaseError {
        var error = failure.error
        if let position = error.position, failure.index < starts.count {
            let relative = position - starts[failure.index]
            error.position = relative > 0 ? relative : nil
        }
        return error
    }
}
