/// Names as the schema language allows them: a letter, then letters,
/// digits and underscores. A database name that is not one gets a
/// sanitised identifier (and the writer adds `@map`/`@@map`).
struct PrismaIdentifiers {
    private var taken: Set<String>

    /// Identifiers unique among themselves and `reserved`.
    init(reserved: Set<String> = []) {
        self.taken = reserved
    }

    /// Whether `name` can be written as it is.
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    /// `name` itself when valid, else with every other character made `_`
    /// and anything before its first letter dropped (`2fa-codes` → `fa_codes`).
    static func sanitised(_ name: String, fallback: String) -> String {
        guard !isValid(name) else { return name }
        let replaced = String(String.UnicodeScalarView(name.unicodeScalars.map { $0.isASCIILetter || $0.isASCIIDigit ? $0 : "_" }))
        let trimmed = replaced.drop { !($0.unicodeScalars.first?.isASCIILetter ?? false) }
        return trimmed.isEmpty ? fallback : String(trimmed)
    }

    /// `candidate`, or `candidate2`, `candidate3`, ... when taken; then taken.
    mutating func claim(_ candidate: String) -> String {
        var name = candidate
        var number = 2
        while taken.contains(name) {
            name = "\(candidate)\(number)"
            number += 1
        }
        taken.insert(name)
        return name
    }

    /// `Post` → `post`, `URLs` → `uRLs`: the first letter lowered, as field names start.
    static func lowerFirst(_ name: String) -> String {
        name.prefix(1).lowercased() + name.dropFirst()
    }

    /// `users` → `Users`: the first letter raised, to join a name to another.
    static func upperFirst(_ name: String) -> String {
        name.prefix(1).uppercased() + name.dropFirst()
    }

    /// `Post` → `Posts`, `Category` → `Categories`, `Address` → `Address`: a list field's name.
    static func plural(_ name: String) -> String {
        if name.hasSuffix("s") { return name }
        if name.hasSuffix("y"), let before = name.dropLast().last, !"aeiou".contains(before.lowercased()) {
            return name.dropLast() + "ies"
        }
        return name + "s"
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
