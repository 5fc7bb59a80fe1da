import AssetParser
import Testing

/// Streaming: results do not depend on how the input is cut, and images arrive as soon as they are complete.
@Suite
struct ArticleScannerTests {
    private static let document = """
        <!doctype html><meta charset="windows-1251"><base href="/m/">
        <picture><source srcset="a.webp 1x, a2.webp 2x" type="image/webp"><img src="a.jpg" alt='x>y'></picture>
        <!-- <img src="hidden.jpg"> --><script>"<img src=no.jpg>"</script>
        <p>Text run: https://t.example/1.jpg 1x, https://t.example/2.jpg 2x.</p>
        <img data-srcset="l.jpg 300w, l2.jpg 600w" sizes="50vw" src="data:image/gif;base64,R0lG">
        <link rel=preload as=image imagesrcset="p.jpg 1x"><img src="javascript:x">
        """

    private func scan(_ bytes: [UInt8], chunkSize: Int) -> ArticleParseResult {
        var scanner = ArticleScanner(baseURL: Corpus.base)
        var images: [ImageSet] = []
        var diagnostics: [ParseDiagnostic] = []
        var offset = 0
        while offset < bytes.count {
            let batch = scanner.feed(Array(bytes[offset..<min(offset + chunkSize, bytes.count)]))
            images += batch.images
            diagnostics += batch.diagnostics
            offset += chunkSize
        }
        let last = scanner.finish()
        return ArticleParseResult(
            base: scanner.base,
            encoding: scanner.encoding,
            images: images + last.images,
            diagnostics: diagnostics + last.diagnostics
        )
    }

    @Test(arguments: [1, 2, 3, 7, 64, 1000, 4096])
    func chunkingDoesNotChangeTheResult(chunkSize: Int) {
        let bytes = Array(Self.document.utf8)
        let whole = ArticleParser(baseURL: Corpus.base).parse(bytes)
        #expect(whole.images.count == 5)
        #expect(whole.diagnostics.count == 1)
        #expect(whole.encoding == "windows-1251")
        #expect(scan(bytes, chunkSize: chunkSize) == whole)
    }

    @Test(arguments: [1, 97, 8192])
    func chunkingACorpusPageDoesNotChangeTheResult(chunkSize: Int) throws {
        let bytes = try Corpus.bytes("articles/guardian-1.html")
        #expect(scan(bytes, chunkSize: chunkSize) == ArticleParser(baseURL: Corpus.base).parse(bytes))
    }

    @Test
    func imagesArriveBeforeTheEnd() {
        var scanner = ArticleScanner(baseURL: Corpus.base, format: .html)
        let padding = String(repeating: "<p>filler</p>\n", count: 100)
        let first = scanner.feed(Array((padding + #"<img src="a.jpg"><div"#).utf8))
        #expect(first.images.count == 1)
        #expect(scanner.feed(Array(#">"#.utf8)).images.isEmpty)
        #expect(scanner.finish().images.isEmpty)
    }

    @Test
    func formatIsDecidedAfterTheSniffWindow() {
        var scanner = ArticleScanner()
        #expect(scanner.feed(Array("plain words ".utf8)).images.isEmpty)
        #expect(scanner.format == .automatic)
        _ = scanner.finish()
        #expect(scanner.format == .text)
    }

    @Test
    func inputAfterFinishIsIgnored() {
        var scanner = ArticleScanner(baseURL: Corpus.base, format: .html)
        _ = scanner.finish()
        #expect(scanner.feed(Array("<img src=a.jpg>".utf8)).images.isEmpty)
        #expect(scanner.finish().images.isEmpty)
    }

    @Test
    func hugeUnterminatedAttributeStaysBounded() {
        var scanner = ArticleScanner(baseURL: Corpus.base, format: .html)
        _ = scanner.feed(Array(#"<img srcset=""#.utf8))
        let chunk = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 16)
        for _ in 0..<64 {  // 4 MiB, past the 1 MiB cap
            _ = scanner.feed(chunk)
        }
        let tail = scanner.feed(Array(#"" src="b.jpg">"#.utf8))
        #expect(tail.images.count == 1)
        #expect(tail.images.first?.sources.map(\.attribute) == [.src])
        #expect(tail.diagnostics.count == 1)
    }
}
