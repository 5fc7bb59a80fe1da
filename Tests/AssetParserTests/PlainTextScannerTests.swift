import AssetParser
import Testing

/// Srcset runs in plain text and in HTML text nodes.
@Suite
struct PlainTextScannerTests {
    private func parseText(_ text: String, format: ArticleFormat = .text) -> ArticleParseResult {
        ArticleParser(baseURL: Corpus.base, format: format).parse(Array(text.utf8))
    }

    private func widths(_ image: ImageSet) -> [Int?] {
        image.sources.flatMap { $0.candidates.map(\.width) }
    }

    @Test
    func runOfWidthCandidatesIsOneImage() throws {
        let text =
            "Photo: https://img.example/a-480.webp 480w, https://img.example/a-768.webp 768w,\n"
            + "https://img.example/a-1280.webp 1280w, https://img.example/a-1920.webp 1920w\nNext paragraph."
        let result = parseText(text)
        let image = try #require(result.images.first)
        #expect(result.images.count == 1)
        #expect(image.line == 1)
        #expect(image.sources.map(\.element) == [.text])
        #expect(image.sources.map(\.attribute) == [.text])
        #expect(widths(image) == [480, 768, 1280, 1920])
        #expect(image.sources[0].candidates[3].url == "https://img.example/a-1920.webp")
    }

    @Test
    func runsSeparatedByProseAreSeparateImages() {
        let text = "One https://a.example/1.jpg 1x, https://a.example/2.jpg 2x then\n\nhttps://b.example/3.jpg 1.5x."
        let result = parseText(text)
        #expect(result.images.count == 2)
        #expect(result.images.map(\.line) == [1, 3])
        #expect(result.images.last?.sources.first?.candidates.first?.density == 1.5)
    }

    @Test
    func schemeIsCaseInsensitive() {
        #expect(parseText("HTTPS://A.example/x.jpg 2x").images.count == 1)
    }

    @Test(arguments: [
        "https://a.example/x.jpg",
        "https://a.example/x.jpg wide",
        "https://a.example/x.jpg 480wide",
        "https://a.example/x.jpg 1.5w",
        "/relative/x.jpg 480w",
        "ftp://a.example/x.jpg 480w",
        "https:// 480w",
        "see http://a.example/x.jpg, it is nice 2x",
    ])
    func textWithoutCandidatesHasNoImage(text: String) {
        #expect(parseText(text).images.isEmpty)
    }

    @Test
    func runEndsAtTheFirstNonCandidate() throws {
        let result = parseText("https://a.example/1.jpg 100w, https://a.example/2.jpg, https://a.example/3.jpg 300w")
        #expect(result.images.count == 2)
        #expect(result.images.first.map(widths) == [100])
        #expect(result.images.last.map(widths) == [300])
    }

    @Test
    func plainTextIsNotMarkup() {
        let result = parseText("<img src=https://a.example/x.jpg> https://a.example/y.jpg 2x")
        #expect(result.urls == ["https://a.example/y.jpg"])
    }

    @Test
    func automaticFormatSniffsTextAndMarkup() {
        #expect(parseText("News. https://a.example/y.jpg 2x", format: .automatic).images.count == 1)
        #expect(parseText("<!doctype html><img src=/x.jpg>", format: .automatic).urls == ["https://example.com/x.jpg"])
        #expect(parseText("  \n<div><img src=/x.jpg></div>", format: .automatic).images.count == 1)
        #expect(parseText("Say <p>: <img src=/x.jpg>", format: .automatic).images.count == 1)
    }

    @Test
    func htmlTextNodesAreScannedWithReferencesDecoded() throws {
        let html = "<p>Sizes: https://a.example/x.jpg?w=1&amp;h=2 1x,<br>\nhttps://a.example/y.jpg 2x</p>"
        let result = parseHTML(html)
        let image = try #require(result.images.first)
        #expect(result.images.count == 1)
        #expect(image.sources.first?.element == .text)
        #expect(result.urls == ["https://a.example/x.jpg?w=1&h=2", "https://a.example/y.jpg"])
    }

    @Test
    func scriptsStylesAndCommentsAreNotScannedAsText() {
        let html =
            "<script>var s = 'https://a.example/x.jpg 1x';</script><style>/* https://a.example/y.jpg 2x */</style>"
            + "<!-- https://a.example/z.jpg 3x --><textarea>https://a.example/t.jpg 1x</textarea>"
        #expect(parseHTML(html).images.isEmpty)
    }

    @Test
    func seedArticleHasTwoRunsOfFourWidths() throws {
        // The seed's two runs are on lines 19 and 27 (`grep -n 480w` on the file).
        let result = try Corpus.parse("seed/000_b10a193bbb14a3d1.txt")
        #expect(result.images.count == 2)
        #expect(result.images.map(\.line) == [19, 27])
        for image in result.images {
            #expect(widths(image) == [480, 768, 1280, 1920])
            #expect(image.sources.allSatisfy { $0.element == .text && $0.attribute == .text })
            for candidate in image.sources.flatMap(\.candidates) {
                #expect(candidate.url.hasPrefix("https://s3-minsk.becloud.by/media-assets/news-by/"))
                #expect(candidate.isSelectable)
            }
        }
        #expect(result.diagnostics.isEmpty)
    }
}
