import AssetParser
import Testing

@Suite struct URLResolverTests {
    static let base = "https://news.example/section/article.html?page=2#top"

    @Test(arguments: [
        ("img/a.jpg", "https://news.example/section/img/a.jpg"),
        ("./a.jpg", "https://news.example/section/a.jpg"),
        ("/img/a.jpg", "https://news.example/img/a.jpg"),
        ("//cdn.example/a.jpg", "https://cdn.example/a.jpg"),
        ("\\\\cdn.example\\a.jpg", "https://cdn.example/a.jpg"),
        ("///cdn.example/a.jpg", "https://cdn.example/a.jpg"),
        ("../a.jpg", "https://news.example/a.jpg"),
        ("../../../../a.jpg", "https://news.example/a.jpg"),
        ("..", "https://news.example/"),
        (".", "https://news.example/section/"),
        ("%2e%2E/a.jpg", "https://news.example/a.jpg"),
        ("a/./b/../c.jpg", "https://news.example/section/a/c.jpg"),
        ("\\img\\a.jpg", "https://news.example/img/a.jpg"),
        ("?w=640", "https://news.example/section/article.html?w=640"),
        ("#f", "https://news.example/section/article.html?page=2#f"),
        ("", "https://news.example/section/article.html?page=2"),
        ("https:a.jpg", "https://news.example/section/a.jpg"),
        ("http:cdn.example/a.jpg", "http://cdn.example/a.jpg"),
        ("a.jpg?w=1&h=2", "https://news.example/section/a.jpg?w=1&h=2"),
    ])
    func resolvesRelativeReferences(reference: String, expected: String) {
        #expect(URLResolver.resolve(reference, base: Self.base) == .fetchable(expected))
    }

    @Test(arguments: [
        ("HTTPS://News.EXAMPLE/A.jpg", "https://news.example/A.jpg"),
        ("https://news.example:443/a.jpg", "https://news.example/a.jpg"),
        ("http://news.example:80", "http://news.example/"),
        ("http://news.example:0080/", "http://news.example/"),
        ("http://news.example:443/", "http://news.example:443/"),
        ("https://news.example:8443/a.jpg", "https://news.example:8443/a.jpg"),
        ("http://news.example:/a", "http://news.example/a"),
        ("https://news.example", "https://news.example/"),
        ("https://news.example?q", "https://news.example/?q"),
        ("https://news.example/a/b/../../../../c", "https://news.example/c"),
        ("https://news.example/a/..", "https://news.example/"),
        ("https://news.example/a/.", "https://news.example/a/"),
        ("https:////news.example/a", "https://news.example/a"),
        ("  \t https://news.example/a\n.jpg\r  ", "https://news.example/a.jpg"),
        ("\u{01}https://news.example/a.jpg\u{1F}", "https://news.example/a.jpg"),
        ("https://news.example.:8080/", "https://news.example.:8080/"),
    ])
    func normalizesAbsoluteURLs(reference: String, expected: String) {
        #expect(URLResolver.resolve(reference, base: nil) == .fetchable(expected))
    }

    @Test(arguments: [
        ("https://x.example/a b.jpg", "https://x.example/a%20b.jpg"),
        ("https://x.example/a%20b.jpg", "https://x.example/a%20b.jpg"),
        ("https://x.example/фото.jpg", "https://x.example/%D1%84%D0%BE%D1%82%D0%BE.jpg"),
        ("https://x.example/a.jpg?q=кот", "https://x.example/a.jpg?q=%D0%BA%D0%BE%D1%82"),
        ("https://x.example/a.jpg?x='y' z", "https://x.example/a.jpg?x=%27y%27%20z"),
        ("https://x.example/a`{}\"<>.jpg", "https://x.example/a%60%7B%7D%22%3C%3E.jpg"),
        ("https://x.example/a.jpg?{}`|", "https://x.example/a.jpg?{}`|"),
        ("https://x.example/a.jpg#x y`", "https://x.example/a.jpg#x%20y%60"),
        ("https://x.example/%zz", "https://x.example/%zz"),
        ("https://user:pa ss@x.example/", "https://user:pa%20ss@x.example/"),
        ("https://a@b@x.example/", "https://a%40b@x.example/"),
        ("https://@x.example/", "https://x.example/"),
    ])
    func percentEncodesAsTheURLStandardDoes(reference: String, expected: String) {
        #expect(URLResolver.resolve(reference, base: nil) == .fetchable(expected))
    }

    @Test(arguments: [
        ("http://0x7f.1/", "http://127.0.0.1/"),
        ("http://127.1/", "http://127.0.0.1/"),
        ("http://2130706433/", "http://127.0.0.1/"),
        ("http://0177.0.0.1/", "http://127.0.0.1/"),
        ("http://192.168.0.1./", "http://192.168.0.1/"),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
        ("http://[2001:DB8:0:0:0:0:0:1]/", "http://[2001:db8::1]/"),
        ("http://[1:0:0:2:0:0:0:3]/", "http://[1:0:0:2::3]/"),
        ("http://[::ffff:192.168.0.1]/", "http://[::ffff:c0a8:1]/"),
        ("http://ex%41mple.com/", "http://example.com/"),
        ("https://президент.рф/img.jpg", "https://xn--d1abbgf6aiiy.xn--p1ai/img.jpg"),
        ("https://ПРЕЗИДЕНТ.РФ/", "https://xn--d1abbgf6aiiy.xn--p1ai/"),
        ("http://Bücher.example/", "http://xn--bcher-kva.example/"),
        ("http://münchen.de/", "http://xn--mnchen-3ya.de/"),
        ("http://例子。测试/", "http://xn--fsqu00a.xn--0zwm56d/"),
        ("http://xn--mnchen-3ya.de/", "http://xn--mnchen-3ya.de/"),
    ])
    func parsesHosts(reference: String, expected: String) {
        #expect(URLResolver.resolve(reference, base: nil) == .fetchable(expected))
    }

    @Test(arguments: [
        "http://",
        "https:///",
        "http://exa mple.com/",
        "http://exa<mple.com/",
        "http://example.com:65536/",
        "http://example.com:12a/",
        "http://192.168.0.257/",
        "http://1.2.3.4.5/",
        "http://0x100000000/",
        "http://[::1/",
        "http://[1:2:3:4:5:6:7:8:9]/",
        "http://[::1::2]/",
        "http://user@/",
        "http://%zz/",
    ])
    func rejectsInvalidAbsoluteURLs(reference: String) {
        guard case .unresolvable(let reason) = URLResolver.resolve(reference, base: Self.base) else {
            Issue.record("\(reference) should be unresolvable, got \(URLResolver.resolve(reference, base: Self.base))")
            return
        }
        #expect(reason.contains("not a valid URL"))
    }

    @Test(arguments: [
        ("file:///etc/passwd", "file"),
        ("FILE:///etc/passwd", "file"),
        ("gopher://old.example/1", "gopher"),
        ("javascript:alert(1)", "javascript"),
        ("JavaScript:void(0)", "javascript"),
        ("ftp://files.example/a.jpg", "ftp"),
        ("mailto:someone@example.com", "mailto"),
        ("blob:https://x.example/uuid", "blob"),
    ])
    func otherSchemesAreNotFetchable(reference: String, scheme: String) {
        guard case .notFetchable(let url, let reason) = URLResolver.resolve(reference, base: Self.base) else {
            Issue.record("\(reference) should not be fetchable")
            return
        }
        #expect(url == reference)
        #expect(reason.contains("\"\(scheme)\""))
    }

    @Test func refusesOverlongInternationalizedLabelsInsteadOfEncodingThem() {
        let label = String(repeating: "я", count: 64)
        guard case .unresolvable(let reason) = URLResolver.resolve("https://\(label).example/", base: nil) else {
            Issue.record("a 64-character label should be refused")
            return
        }
        #expect(reason.contains("longer than 63"))
        let fits = String(repeating: "я", count: 63)
        guard case .fetchable(let url) = URLResolver.resolve("https://\(fits).example/", base: nil) else {
            Issue.record("a 63-character label should be encoded")
            return
        }
        #expect(url.hasPrefix("https://xn--"))
    }

    @Test func dataURLsAreFetchableAsWrittenWithTheSchemeLowerCased() {
        let url = "data:image/png;base64,iVBORw0KGgo="
        #expect(URLResolver.resolve(url, base: nil) == .fetchable(url))
        #expect(URLResolver.resolve(" DATA:,a b ", base: Self.base) == .fetchable("data:,a b"))
        #expect(
            URLResolver.resolve("Data:image/svg+xml;utf8,%3Csvg%3E", base: nil)
                == .fetchable("data:image/svg+xml;utf8,%3Csvg%3E")
        )
    }

    @Test(arguments: ["img/a.jpg", "/a.jpg", "//cdn.example/a.jpg", "?q", "#f", "../a.jpg"])
    func relativeReferencesWithoutABaseAreUnresolvable(reference: String) {
        guard case .unresolvable(let reason) = URLResolver.resolve(reference, base: nil) else {
            Issue.record("\(reference) should be unresolvable")
            return
        }
        #expect(reason.contains("no base URL"))
    }

    @Test func relativeReferencesAgainstAFileBaseAreNotFetchable() {
        let resolution = URLResolver.resolve("../img/a.jpg", base: "file:///home/u/articles/page.html")
        guard case .notFetchable(let url, _) = resolution else {
            Issue.record("got \(resolution)")
            return
        }
        #expect(url == "file:///home/u/img/a.jpg")
        #expect(
            URLResolver.resolve("//cdn.example/a.jpg", base: "file:///x") != .fetchable("https://cdn.example/a.jpg")
        )
    }

    @Test func unusableBasesAreExplained() {
        for base in ["data:text/html,x", "not a url", "/relative/base", "mailto:x@example.com"] {
            guard case .unresolvable(let reason) = URLResolver.resolve("a.jpg", base: base) else {
                Issue.record("a.jpg against \(base) should be unresolvable")
                continue
            }
            #expect(reason.contains("base URL"))
        }
        #expect(
            URLResolver.resolve("https://x.example/a.jpg", base: "garbage") == .fetchable("https://x.example/a.jpg")
        )
    }

    @Test func resolvesAgainstABaseWithPortAndCredentials() {
        #expect(
            URLResolver.resolve("b.jpg", base: "http://u:p@host.example:8080/dir/")
                == .fetchable("http://u:p@host.example:8080/dir/b.jpg")
        )
        #expect(
            URLResolver.resolve("//other.example/b.jpg", base: "http://host.example:8080/dir/")
                == .fetchable("http://other.example/b.jpg")
        )
    }
}
