import AssetFetch
import Testing

@Suite
struct LineSplitterTests {
    @Test
    func joinsLinesAcrossChunks() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("data: o".utf8)) == [])
        #expect(splitter.append(Array("ne\r\n\r\nda".utf8)) == ["data: one", ""])
        #expect(splitter.append(Array("ta: two\n".utf8)) == ["data: two"])
        #expect(splitter.finish() == nil)
    }

    @Test
    func deliversAnUnterminatedLastLineAtTheEnd() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("a\nb".utf8)) == ["a"])
        #expect(splitter.finish() == "b")
        #expect(splitter.finish() == nil)
    }

    @Test
    func keepsALoneCarriageReturnInsideALine() {
        var splitter = LineSplitter()
        #expect(splitter.append(Array("a\rb\n".utf8)) == ["a\rb"])
    }
}
