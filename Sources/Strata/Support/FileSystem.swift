#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few file operations loading migrations needs, straight on POSIX:
/// listing a folder with each entry's kind in one pass, and reading a file
/// into bytes. `FileManager` costs a `stat` per entry and path bridging per
/// call, which shows with a thousand migrations.
enum FileSystem {
    struct Entry {
        let name: String
        let isDirectory: Bool
    }

    /// The entries of a folder (without `.` and `..`), or `nil` when it cannot be listed.
    static func entries(of path: String) -> [Entry]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        var entries: [Entry] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var isDirectory = Int32(entry.pointee.d_type) == Int32(DT_DIR)
            if Int32(entry.pointee.d_type) == Int32(DT_UNKNOWN) || Int32(entry.pointee.d_type) == Int32(DT_LNK) {
                var info = stat()
                isDirectory = stat(path + "/" + name, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
            }
            entries.append(Entry(name: name, isDirectory: isDirectory))
        }
        return entries
    }

    /// What reading a file found.
    enum Contents {
        case bytes([UInt8])
        case missing
        case unreadable
    }

    /// The whole file. A file whose size `fstat` told takes one `read`;
    /// anything else (a file that grows or shrinks meanwhile) is read until
    /// `read` returns 0.
    static func read(_ path: String) -> Contents {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return .unreadable }
        let expected = Int(info.st_size)
        var bytes: [UInt8] = []
        // One byte more than expected, so that the first read can also show the end.
        var chunkSize = expected + 1
        while true {
            var failed = false
            let chunk = [UInt8](unsafeUninitializedCapacity: chunkSize) { buffer, initialized in
                let count = systemRead(descriptor, buffer.baseAddress, chunkSize)
                failed = count < 0
                initialized = max(count, 0)
            }
            if failed { return .unreadable }
            if chunk.isEmpty { return .bytes(bytes) }
            if bytes.isEmpty { bytes = chunk } else { bytes += chunk }
            if chunk.count < chunkSize, bytes.count == expected { return .bytes(bytes) }
            chunkSize = max(chunkSize, 64 * 1024)
        }
    }
}

/// `read(2)`, tried again when a signal interrupts it.
private func systemRead(_ descriptor: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    while true {
        #if canImport(Glibc)
        let result = Glibc.read(descriptor, buffer, count)
        #else
        let result = Darwin.read(descriptor, buffer, count)
        #endif
        if result >= 0 || errno != EINTR { return result }
    }
}
