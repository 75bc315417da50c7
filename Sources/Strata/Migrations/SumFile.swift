import Crypto
import Foundation

/// `strata.sum`: the hash of every migration folder plus a total, so that an
/// edited file or a careless merge of two branches' migrations is noticed
/// before anything runs.
///
/// ```
/// # strata.sum: integrity of this folder; update it with `strata migrate hash`, never by hand.
/// total 9f2c…
/// 20240115120000_init 1b7e…
/// 20240116093000_add_user_bio 4c0d…
/// ```
///
/// A migration's hash covers `migration.sql` and `down.sql` with line endings
/// normalised to LF; the total covers every line, so two branches that each
/// added a migration conflict here and must be re-hashed deliberately.
public struct SumFile: Sendable, Equatable {
    /// `(folder name, hash)` in migration order.
    public var entries: [Entry]
    /// The hash over all entries, as recorded.
    public var total: String

    public struct Entry: Sendable, Equatable {
        public var name: String
        public var hash: String
    }

    static let header = "# strata.sum: integrity of this folder; update it with `strata migrate hash`, never by hand."

    /// The sum of the migrations as they are on disk.
    public init(migrations: [Migration]) {
        entries = migrations.map { Entry(name: $0.name, hash: Self.hash(of: $0)) }
        total = Self.total(of: entries)
    }

    init(entries: [Entry], total: String) {
        self.entries = entries
        self.total = total
    }

    /// The file's text.
    public func rendered() -> String {
        ([Self.header, "total \(total)"] + entries.map { "\($0.name) \($0.hash)" }).joined(separator: "\n") + "\n"
    }

    /// Reads `strata.sum`; `nil` when the file does not exist.
    ///
    /// - Throws: ``MigrationFileError`` when it exists but is not a sum file.
    public static func read(from path: String) throws -> SumFile? {
        let contents = FileSystem.read(path)
        if case .missing = contents { return nil }
        guard case .bytes(let bytes) = contents, let text = String(validating: bytes, as: UTF8.self) else {
            throw MigrationFileError(path: path, problem: "cannot be read as text", nextStep: "run `strata migrate hash` to rewrite it")
        }
        var total: String?
        var entries: [Entry] = []
        for (index, line) in text.lines.enumerated() {
            let bytes = line.utf8
            if bytes.isEmpty || bytes.first == UInt8(ascii: "#") { continue }
            guard let space = bytes.lastIndex(of: UInt8(ascii: " ")) else {
                throw MigrationFileError(
                    path: path, location: SourceLocation(line: index + 1, column: 1),
                    problem: "is not a strata.sum line: \(line)",
                    nextStep: "resolve any merge conflict markers, then run `strata migrate hash`")
            }
            let name = String(line[..<space])
            let hash = String(line[bytes.index(after: space)...])
            if name == "total", total == nil, entries.isEmpty { total = hash } else { entries.append(Entry(name: name, hash: hash)) }
        }
        guard let total else {
            throw MigrationFileError(path: path, problem: "has no total line", nextStep: "run `strata migrate hash` to rewrite it")
        }
        return SumFile(entries: entries, total: total)
    }

    /// Writes the file.
    public func write(to path: String) throws {
        do {
            try Data(rendered().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw MigrationFileError(path: path, problem: "cannot be written: \(error.localizedDescription)")
        }
    }

    /// How the recorded sum (`self`) disagrees with the migrations on disk.
    public func problems(comparedWith actual: SumFile) -> [SumProblem] {
        if total == actual.total, entries == actual.entries { return [] }
        var problems: [SumProblem] = []
        let recorded = Dictionary(entries.map { ($0.name, $0.hash) }, uniquingKeysWith: { first, _ in first })
        let onDisk = Set(actual.entries.map(\.name))
        for entry in actual.entries {
            switch recorded[entry.name] {
            case nil: problems.append(.notRecorded(entry.name))
            case let hash? where hash != entry.hash: problems.append(.changed(entry.name))
            default: break
            }
        }
        for entry in entries where !onDisk.contains(entry.name) {
            problems.append(.removed(entry.name))
        }
        if problems.isEmpty, total != actual.total || entries != actual.entries {
            problems.append(.totalMismatch)
        }
        return problems
    }

    /// SHA-256 over the names and LF-normalised hashes of the folder's files.
    static func hash(of migration: Migration) -> String {
        var text = "migration.sql \(migration.up.lineEndingNormalizedChecksum)\n"
        if let down = migration.down { text += "down.sql \(down.lineEndingNormalizedChecksum)\n" }
        return Checksum.sha256Hex(Array(text.utf8))
    }

    private static func total(of entries: [Entry]) -> String {
        var hasher = SHA256()
        for entry in entries {
            hasher.update(data: Array("\(entry.name) \(entry.hash)\n".utf8))
        }
        return Checksum.hex(hasher.finalize())
    }
}

/// One way `strata.sum` disagrees with the migration folders.
public enum SumProblem: Sendable, Equatable, CustomStringConvertible {
    /// A folder the sum does not list (added by hand or merged from a branch).
    case notRecorded(String)
    /// A folder whose files changed since the sum was written.
    case changed(String)
    /// A listed folder that is gone.
    case removed(String)
    /// The lines match the folders but not the total, or their order changed:
    /// the file was merged or edited by hand.
    case totalMismatch

    public var description: String {
        switch self {
        case .notRecorded(let name): "\(name): not in strata.sum (added without `strata migrate new`, or merged from another branch)"
        case .changed(let name): "\(name): files changed since strata.sum was written"
        case .removed(let name): "\(name): listed in strata.sum but no longer on disk"
        case .totalMismatch: "strata.sum was merged or edited by hand: its total does not match its lines"
        }
    }
}
