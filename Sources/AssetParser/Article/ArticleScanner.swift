/// Finds the responsive images of an article fed as chunks of bytes, handing each image over as soon as it is
/// complete.
///
/// Memory stays bounded whatever the input: the scanner keeps the first 1024 bytes (to sniff the format and a byte
/// order mark), then only the current tag's wanted attributes (each at most 1 MiB), the open `<picture>`s and the
/// text run in progress. Work is linear in the input. HTML text nodes (outside `<script>`, `<style>`, `<title>`,
/// `<textarea>` and comments) are scanned for srcset runs like plain text, with character references decoded:
/// a page quoting a srcset in prose is as much an article as a text file is.
///
/// Use: call `feed(_:)` for each chunk, then `finish()` once; each returns what was completed meanwhile.
public struct ArticleScanner: Sendable {
    private static let sniffLength = 1024

    private var requestedFormat: ArticleFormat
    private var pending: [UInt8] = []
    private var isStarted = false
    private var isFinished = false
    private var lines = LineCounter()
    private var tokenizer = HTMLTokenizer()
    private var content: Content

    /// Creates a scanner.
    /// - Parameters:
    ///   - baseURL: the article's URL, against which `<base href>` and relative candidates resolve.
    ///   - format: the article's format; `.automatic` sniffs it from the first 1024 bytes.
    public init(baseURL: String? = nil, format: ArticleFormat = .automatic) {
        requestedFormat = format
        content = Content(builder: ImageSetBuilder(articleURL: baseURL))
    }

    /// The effective base URL so far: the article's URL, or the `<base href>` once seen.
    public var base: String? { content.builder.base }

    /// The WHATWG name of the encoding attribute values and text are decoded with.
    public var encoding: String { content.builder.encoding.name }

    /// The format being scanned: `.automatic` until the first 1024 bytes (or the end) have been seen.
    public var format: ArticleFormat { requestedFormat }

    /// Scans the next chunk of the article.
    /// - Parameter chunk: the bytes following those fed before.
    /// - Returns: the images and diagnostics completed by this chunk.
    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) -> ArticleScanBatch {
        guard !isFinished else { return ArticleScanBatch() }
        var rest = chunk
        if !isStarted {
            // Buffer at most `sniffLength` bytes; the rest of a large first chunk is scanned in place.
            let taken = min(Self.sniffLength - pending.count, chunk.count)
            pending.append(contentsOf: UnsafeBufferPointer(rebasing: chunk[..<taken]))
            guard pending.count >= Self.sniffLength else { return ArticleScanBatch() }
            start()
            rest = UnsafeBufferPointer(rebasing: chunk[taken...])
        }
        if !rest.isEmpty {
            process(rest)
        }
        return content.builder.takeOutput()
    }

    /// Scans the next chunk of the article.
    /// - Parameter chunk: the bytes following those fed before.
    /// - Returns: the images and diagnostics completed by this chunk.
    public mutating func feed(_ chunk: [UInt8]) -> ArticleScanBatch {
        chunk.withUnsafeBufferPointer { feed($0) }
    }

    /// Ends the article; the scanner accepts no more input afterwards.
    /// - Returns: the images and diagnostics completed by the end of the input.
    public mutating func finish() -> ArticleScanBatch {
        guard !isFinished else { return ArticleScanBatch() }
        if !isStarted {
            start()
        }
        isFinished = true
        tokenizer.finish()
        content.finishText()
        return content.builder.takeOutput()
    }

    /// Decides the encoding (byte order mark) and format from the buffered start, then scans it.
    private mutating func start() {
        isStarted = true
        var bytes = pending
        pending = []
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            content.builder.fixEncoding(.utf8)
            bytes.removeFirst(3)
        } else if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            content.builder.diagnose(line: 1, "UTF-16 byte order mark: UTF-16 is not supported, reading as UTF-8")
        }
        if requestedFormat == .automatic {
            requestedFormat = ArticleSniffer.looksLikeHTML(bytes[...]) ? .html : .text
        }
        content.builder.isHTML = requestedFormat == .html
        bytes.withUnsafeBufferPointer { process($0) }
    }

    private mutating func process(_ chunk: UnsafeBufferPointer<UInt8>) {
        if requestedFormat == .html {
            tokenizer.scan(chunk, lines: &lines, handler: &content)
        } else {
            content.text(chunk, from: 0, to: chunk.count, lines: &lines)
        }
        lines.finishChunk(chunk)
    }
}

/// The scanner's consumer of tokens: text goes to the text scanner, tags to the builder, in document order.
private struct Content: HTMLTokenHandler, Sendable {
    var builder: ImageSetBuilder
    var textScanner = PlainTextScanner()

    mutating func startTag(_ kind: HTMLTagKind, attributes: TagAttributes, line: Int) {
        builder.startTag(kind, attributes: attributes, line: line)
    }

    mutating func endTag(_ kind: HTMLTagKind) {
        builder.endTag(kind)
    }

    mutating func text(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, lines: inout LineCounter) {
        textScanner.scan(chunk, from: start, to: end, lines: &lines)
        flushRuns()
    }

    mutating func textBreak() {
        textScanner.boundary()
        flushRuns()
    }

    mutating func finishText() {
        textScanner.finish()
        flushRuns()
    }

    private mutating func flushRuns() {
        guard textScanner.hasRuns else { return }
        for run in textScanner.takeRuns() {
            builder.textRun(run)
        }
    }
}
