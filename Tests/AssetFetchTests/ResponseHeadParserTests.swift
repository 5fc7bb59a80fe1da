import AssetFetch
import Testing

@Suite
struct ResponseHeadParserTests {
    private func parse(_ lines: [String]) -> ResponseHeadParser {
        var parser = ResponseHeadParser()
        for line in lines { parser.consume(line: Array((line + "\r\n").utf8)) }
        return parser
    }

    @Test
    func readsTheFieldsTheEngineUses() {
        let parser = parse([
            "HTTP/1.1 200 OK",
            "Content-Type: Image/PNG; charset=binary",
            "content-length:  1234 ",
            "ETag: W/\"abc\"",
            "Last-Modified: Sun, 06 Nov 1994 08:49:37 GMT",
            "Retry-After: 120",
            "X-Other: ignored",
            "",
        ])
        #expect(parser.isComplete)
        #expect(
            parser.head
                == ResponseHead(
                    status: 200,
                    contentType: "image/png",
                    contentLength: 1234,
                    etag: "W/\"abc\"",
                    lastModified: "Sun, 06 Nov 1994 08:49:37 GMT",
                    retryAfter: .delay(seconds: 120)
                )
        )
    }

    @Test
    func aNewStatusLineStartsANewHead() {
        let parser = parse([
            "HTTP/1.1 302 Found", "Location: /next", "Content-Type: text/html", "",
            "HTTP/2 200", "content-type: image/webp",
        ])
        #expect(parser.head.status == 200)
        #expect(parser.head.contentType == "image/webp")
        #expect(parser.head.location == nil)
        #expect(!parser.isComplete)
    }

    @Test
    func keepsTheRedirectLocationUntilTheNextResponse() {
        let parser = parse(["HTTP/1.1 301 Moved Permanently", "Location: https://example.test/a", ""])
        #expect(parser.head.isRedirect)
        #expect(parser.head.location == "https://example.test/a")
    }

    @Test(arguments: ["-1", "12a", "", "1 2", "99999999999999999999999"])
    func ignoresAnInvalidContentLength(value: String) {
        #expect(parse(["HTTP/1.1 200 OK", "Content-Length: \(value)"]).head.contentLength == nil)
    }

    @Test
    func readsStatusLines() {
        #expect(ResponseHeadParser.status(ofStatusLine: "HTTP/1.0 404 Not Found") == 404)
        #expect(ResponseHeadParser.status(ofStatusLine: "HTTP/2 204") == 204)
        #expect(ResponseHeadParser.status(ofStatusLine: "HTTP/1.1 2000 OK") == nil)
        #expect(ResponseHeadParser.status(ofStatusLine: "HTTP/1.1") == nil)
    }

    @Test
    func parsesRetryAfterInBothForms() {
        #expect(RetryAfter(headerValue: " 0 ") == .delay(seconds: 0))
        #expect(RetryAfter(headerValue: "Wed, 21 Oct 2015 07:28:00 GMT") == .date(secondsSinceEpoch: 1_445_412_480))
        #expect(RetryAfter(headerValue: "soon") == nil)
        #expect(RetryAfter(headerValue: "-5") == nil)
    }

    // The three HTTP-date forms of RFC 9110 §5.6.7, all naming 784111777 (1994-11-06 08:49:37 UTC).
    @Test(arguments: [
        "Sun, 06 Nov 1994 08:49:37 GMT", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
    ])
    func parsesEveryHTTPDateForm(text: String) {
        #expect(HTTPDate.secondsSinceEpoch(text) == 784_111_777)
    }

    @Test
    func formatsAndParsesDatesSymmetrically() {
        #expect(HTTPDate.format(secondsSinceEpoch: 784_111_777) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.format(secondsSinceEpoch: 0) == "Thu, 01 Jan 1970 00:00:00 GMT")
        for seconds: Int64 in [0, 951_782_400, 1_709_164_800, 4_102_444_799] {
            #expect(HTTPDate.secondsSinceEpoch(HTTPDate.format(secondsSinceEpoch: seconds)) == seconds)
        }
        #expect(HTTPDate.secondsSinceEpoch("Sun, 32 Nov 1994 08:49:37 GMT") == nil)
        #expect(HTTPDate.secondsSinceEpoch("yesterday") == nil)
    }
}
