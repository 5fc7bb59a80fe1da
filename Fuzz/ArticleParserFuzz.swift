// libFuzzer entry point for the article scanner; compiled into the AssetParser sources by scripts/fuzz.sh.
//
// Properties checked on every input: no crash or trap, and the streaming scanner fed in small chunks (sizes
// taken from the input itself) finds exactly what the whole-buffer parse finds, as HTML, as text and sniffed.

/// Called by libFuzzer with one input.
@_cdecl("LLVMFuzzerTestOneInput")
public func articleParserFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let chunkSize = 1 + Int(bytes.first ?? 0) % 61
    for format in [ArticleFormat.automatic, .html, .text] {
        let whole = ArticleParser(baseURL: "https://example.com/news/article.html", format: format).parse(bytes)
        var scanner = ArticleScanner(baseURL: "https://example.com/news/article.html", format: format)
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
        images += last.images
        diagnostics += last.diagnostics
        precondition(images == whole.images, "chunked scan found different images")
        precondition(diagnostics == whole.diagnostics, "chunked scan reported different diagnostics")
        precondition(scanner.base == whole.base && scanner.encoding == whole.encoding, "chunked scan state differs")
    }
    return 0
}
