import Strata
import Testing

extension Unit {
    /// Byte offsets to lines and columns, and character positions to byte offsets.
    @Suite("SourceText")
    struct SourceTextTests {
        @Test("location counts lines from 1 and columns from 1")
        func ascii() {
            let source = SourceText("ab\ncd\n")
            #expect(source.location(ofByte: 0) == SourceLocation(line: 1, column: 1))
            #expect(source.location(ofByte: 2) == SourceLocation(line: 1, column: 3))
            #expect(source.location(ofByte: 3) == SourceLocation(line: 2, column: 1))
            #expect(source.location(ofByte: 4) == SourceLocation(line: 2, column: 2))
            #expect(source.location(ofByte: 6) == SourceLocation(line: 3, column: 1))
            #expect(source.location(ofByte: 99) == SourceLocation(line: 3, column: 1))
            #expect(source.location(ofByte: -4) == SourceLocation(line: 1, column: 1))
            #expect(SourceLocation(line: 7, column: 3).description == "7:3")
        }

        @Test("columns count characters, not bytes: é is 2 bytes, ☃ 3, 😀 4")
        func multiByte() {
            let source = SourceText("é☃😀x\nü😀y")
            #expect(source.location(ofByte: 9) == SourceLocation(line: 1, column: 4))   // x
            #expect(source.location(ofByte: 11) == SourceLocation(line: 2, column: 1))  // ü
            #expect(source.location(ofByte: 17) == SourceLocation(line: 2, column: 3))  // y
        }

        @Test("a combining accent is a character of its own, as databases count")
        func combining() {
            let source = SourceText("e\u{301}x")
            #expect(source.location(ofByte: 3) == SourceLocation(line: 1, column: 3))
        }

        @Test("byteOffset(from:advancingCharacters:) moves by characters of any width")
        func byteOffset() {
            let source = SourceText("ab é☃😀x")
            #expect(source.byteOffset(from: 0, advancingCharacters: 0) == 0)
            #expect(source.byteOffset(from: 0, advancingCharacters: 3) == 3)
            #expect(source.byteOffset(from: 3, advancingCharacters: 1) == 5)
            #expect(source.byteOffset(from: 3, advancingCharacters: 3) == 12)
            #expect(source.byteOffset(from: 3, advancingCharacters: 4) == 13)
            #expect(source.byteOffset(from: 5, advancingCharacters: 100) == 13)
        }

        @Test("line(_:) returns a line without its line break, CRLF included")
        func line() {
            let source = SourceText("first\r\nsecond\nthird")
            #expect(source.line(1) == "first")
            #expect(source.line(2) == "second")
            #expect(source.line(3) == "third")
            #expect(source.line(0) == "")
            #expect(source.line(4) == "")
        }
    }
}
