import AssetCLI
import Testing

@Suite("enqueue article sources")
struct ArticleSourceTests {
    @Test(
        "http(s) URLs go to the daemon, - is standard input, anything else a file",
        arguments: [
            ("https://news.test/a.html", ArticleSource.url("https://news.test/a.html")),
            ("HTTP://news.test/", ArticleSource.url("HTTP://news.test/")),
            ("-", ArticleSource.standardInput),
            ("article.html", ArticleSource.file("article.html")),
            ("ftp://x/y", ArticleSource.file("ftp://x/y")),
        ]
    )
    func classify(argument: String, expected: ArticleSource) {
        #expect(ArticleSource(argument) == expected)
    }

    @Test("files are named after their last component and typed by extension, never as JSON")
    func fileNameAndType() {
        #expect(ArticleSource("/tmp/x/000_seed.txt").name == "000_seed.txt")
        #expect(ArticleSource("/tmp/x/000_seed.txt").contentType == "text/plain")
        #expect(ArticleSource("page.HTML").contentType == "text/html")
        #expect(ArticleSource("data.json").contentType == "application/octet-stream")
        #expect(ArticleSource("dir.d/noext").contentType == "application/octet-stream")
        #expect(ArticleSource("-").name == nil)
        #expect(ArticleSource("https://a.test/b.html").name == nil)
    }
}
