extension StringProtocol {
    /// The text's lines, split at LF and at CRLF (which Swift reads as one
    /// `Character`, so splitting at `"\n"` alone would miss it); empty lines kept.
    var lines: [SubSequence] {
        split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r\n" }
    }
}
