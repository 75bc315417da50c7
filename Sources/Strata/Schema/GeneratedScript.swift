import Foundation

/// The text of a generated migration: what it may lose first, in a block
/// comment a reviewer cannot miss, then each statement under a heading
/// comment, separated by blank lines.
///
/// ```sql
/// /*
///   Warnings:
///
///   - Drops column `User.bio` and every value in it.
/// */
/// -- AlterTable
/// ALTER TABLE "User" DROP COLUMN "bio";
/// ```
struct GeneratedScript {
    var statements: [RenderedStatement]
    var warnings: [SchemaWarning]

    var text: String {
        var parts: [String] = []
        if !warnings.isEmpty {
            parts.append("/*\n  Warnings:\n\n" + warnings.map { "  - " + $0.message.replacingOccurrences(of: "*/", with: "* /") }.joined(separator: "\n") + "\n*/")
        }
        parts += statements.map { "-- \($0.heading)\n\($0.sql);" }
        return parts.isEmpty ? "" : parts.joined(separator: "\n\n") + "\n"
    }
}
