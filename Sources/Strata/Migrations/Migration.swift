/// One migration: a folder `migrations/<name>/` with `migration.sql` and an
/// optional `down.sql`. Its identity is the folder name, as in Prisma.
public struct Migration: Sendable, Identifiable {
    /// The folder name, e.g. `20240115120000_add_user_bio` (any name is accepted).
    public let name: String
    /// The up script.
    public let up: MigrationScript
    /// The rollback script, when the folder has one.
    public let down: MigrationScript?

    public var id: String { name }

    public init(name: String, up: MigrationScript, down: MigrationScript?) {
        self.name = name
        self.up = up
        self.down = down
    }

    /// The leading digits of the name, e.g. `20240115120000` of
    /// `20240115120000_add_user_bio`; `nil` when the name does not start with one.
    public var version: String? {
        Self.version(of: name)
    }

    static func version(of name: String) -> String? {
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        return digits.isEmpty ? nil : String(digits)
    }

    /// Byte-wise order of folder names: the order migrations apply in.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        lhs.utf8.lexicographicallyPrecedes(rhs.utf8)
    }
}

extension [Migration] {
    /// The migration `reference` names: a folder name, or the version it starts with.
    ///
    /// - Throws: ``RefusalError`` when no migration, or more than one, matches.
    public func resolve(_ reference: String) throws -> Migration {
        if let exact = first(where: { $0.name == reference }) { return exact }
        let byVersion = filter { $0.version == reference }
        guard byVersion.count == 1 else {
            throw RefusalError(
                byVersion.isEmpty ? "no migration is named `\(reference)`"
                    : "`\(reference)` is the version of more than one migration",
                details: byVersion.map(\.name),
                nextStep: "give a folder name as listed by `strata migrate status`")
        }
        return byVersion[0]
    }
}
