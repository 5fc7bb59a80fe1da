import AssetParser
import Foundation

/// Reads the shared corpus (../shared/corpus relative to the package root) and parses snippets for tests.
enum Corpus {
    /// The base URL corpus pages are parsed with.
    static let base = "https://example.com/news/article.html"

    /// The corpus directory: `<package root>/../shared/corpus`.
    static let directory: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // AssetParserTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .deletingLastPathComponent()
        .appendingPathComponent("shared/corpus")

    /// The bytes of a corpus file, e.g. `articles/guardian-1.html`.
    static func bytes(_ relativePath: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: directory.appendingPathComponent(relativePath)))
    }

    /// The names of every page in `articles/`.
    static func articleNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.appendingPathComponent("articles").path)
            .filter { $0.hasSuffix(".html") }
            .sorted()
    }

    /// Parses a corpus page with the corpus base URL.
    static func parse(_ relativePath: String) throws -> ArticleParseResult {
        ArticleParser(baseURL: base).parse(try bytes(relativePath))
    }
}

/// Parses an HTML snippet against `https://example.com/news/article.html`.
func parseHTML(_ html: String, base: String? = Corpus.base) -> ArticleParseResult {
    ArticleParser(baseURL: base, format: .html).parse(Array(html.utf8))
}

extension ArticleParseResult {
    /// Every candidate URL of every image, in order.
    var urls: [String] {
        images.flatMap { $0.sources.flatMap { $0.candidates.map(\.url) } }
    }
}
