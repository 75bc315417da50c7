import Foundation

/// A temporary folder for one test, removed when the test lets go of it.
///
/// ```swift
/// let folder = try ScratchFolder()
/// try folder.write("migrations/001_init/migration.sql", "CREATE TABLE t (id int);")
/// ```
final class ScratchFolder {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "strata-unit-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// The absolute path of `relative` inside the folder.
    func path(_ relative: String) -> String {
        path + "/" + relative
    }

    /// Writes `text` (or raw bytes) to `relative`, creating parent folders.
    func write(_ relative: String, _ text: String) throws {
        try write(relative, bytes: Data(text.utf8))
    }

    func write(_ relative: String, bytes: Data) throws {
        let file = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try bytes.write(to: file)
    }

    /// Creates the folder `relative` (and its parents).
    func makeFolder(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path(relative), withIntermediateDirectories: true)
    }
}
