import Foundation
@testable import Strata
import Testing

extension Unit {
    /// Reading files and spreading work over cores, as loading migrations does.
    @Suite("FileSystem")
    struct FileSystemTests {
        @Test("read returns every byte of empty, small and large files", arguments: [0, 1, 4096, 65_537, 300_000])
        func readSizes(_ size: Int) throws {
            let folder = try ScratchFolder()
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            try folder.write("file.bin", bytes: Data(bytes))
            guard case .bytes(let read) = FileSystem.read(folder.path("file.bin")) else {
                Issue.record("expected the file's bytes")
                return
            }
            #expect(read == bytes)
        }

        @Test("read tells a missing file from one that cannot be read")
        func readFailures() throws {
            let folder = try ScratchFolder()
            try folder.makeFolder("a folder")
            guard case .missing = FileSystem.read(folder.path("absent.sql")) else {
                Issue.record("a missing file should read as missing")
                return
            }
            guard case .missing = FileSystem.read(folder.path("absent/inside.sql")) else {
                Issue.record("a file under a missing folder should read as missing")
                return
            }
            guard case .unreadable = FileSystem.read(folder.path("a folder")) else {
                Issue.record("a folder should read as unreadable")
                return
            }
        }

        @Test("concurrentMap keeps the order and throws the first failure by position")
        func concurrentMap() throws {
            struct Failure: Error, Equatable { let index: Int }
            let numbers = Array(0..<1000)
            #expect(try numbers.concurrentMap { $0 * 2 } == numbers.map { $0 * 2 })
            #expect(try [Int]().concurrentMap { $0 } == [])
            #expect(throws: Failure(index: 10)) {
                try numbers.concurrentMap { number in
                    if number == 10 || number == 999 { throw Failure(index: number) }
                    return number
                }
            }
        }
    }
}
