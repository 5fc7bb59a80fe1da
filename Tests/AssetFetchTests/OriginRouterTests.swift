import AssetTestSupport
import Testing

/// The pure part of the test origin: request in, plan out.
struct OriginRouterTests {
    private func plan(
        _ target: String,
        method: String = "GET",
        headers: [HeaderField] = [],
        attempt: Int = 1,
        published: OriginRouter.PublishedFile? = nil
    ) -> OriginResponsePlan {
        OriginRouter.plan(
            method: method,
            target: OriginTarget(target),
            headers: headers,
            attempt: attempt,
            published: published
        )
    }

    @Test func objectDefaultsToAnEmptyJPEGWithLength() {
        let result = plan("/object")
        #expect(result.status == 200)
        #expect(result.body == .generated(count: 0, seed: 0))
        #expect(result.declaredLength == 0)
        #expect(result.headers == [HeaderField(name: "Content-Type", value: "image/jpeg")])
        #expect(result.ending == .complete)
    }

    @Test func faultsCombineIntoOnePlan() {
        let result = plan(
            "/object?size=100&seed=2&status=500&delay-ms=20&body-delay-ms=30&trickle-bps=10&reset-after=40"
        )
        #expect(result.status == 500)
        #expect(result.headDelay == .milliseconds(20))
        #expect(result.bodyDelay == .milliseconds(30))
        #expect(result.trickleBytesPerSecond == 10)
        #expect(result.sentLength == 40)
        #expect(result.declaredLength == 100)
        #expect(result.ending == .reset)
    }

    @Test func declaredLengthBeyondTheBodyTruncates() {
        let longer = plan("/object?size=100&declared-length=150")
        #expect(longer.declaredLength == 150)
        #expect(longer.sentLength == 100)
        #expect(longer.ending == .truncate)
        let shorter = plan("/object?size=100&declared-length=50")
        #expect(shorter.sentLength == 50)
        #expect(shorter.ending == .complete)
    }

    @Test func failFirstCountsAttemptsAndDropsFaultsAfterwards() {
        let target = "/object?size=10&fail-first=2&reset-after=1&retry-after=3"
        let failing = plan(target, attempt: 2)
        #expect(failing.status == 503)
        #expect(failing.ending == .reset)
        #expect(failing.headers.first(named: "Retry-After") == "3")
        let passing = plan(target, attempt: 3)
        #expect(passing.status == 200)
        #expect(passing.ending == .complete)
        #expect(passing.sentLength == 10)
        #expect(passing.headers.first(named: "Retry-After") == nil)
    }

    @Test func ifNoneMatchUsesWeakComparisonAndStar() {
        let target = "/object?size=10&etag=abc"
        let weak = plan(target, headers: [HeaderField(name: "if-none-match", value: "W/\"abc\"")])
        #expect(weak.status == 304)
        #expect(weak.declaredLength == nil)
        #expect(weak.sentLength == 0)
        #expect(weak.headers.first(named: "Content-Type") == nil)
        #expect(plan(target, headers: [HeaderField(name: "If-None-Match", value: "*")]).status == 304)
        #expect(plan(target, headers: [HeaderField(name: "If-None-Match", value: "\"abd\"")]).status == 200)
    }

    @Test func ifNoneMatchTakesPrecedenceOverIfModifiedSince() {
        let target = "/object?etag=a&last-modified=0"
        let headers = [
            HeaderField(name: "If-None-Match", value: "\"b\""),
            HeaderField(name: "If-Modified-Since", value: "Thu, 01 Jan 1970 00:00:00 GMT"),
        ]
        #expect(plan(target, headers: headers).status == 200)
        #expect(plan(target, headers: [headers[1]]).status == 304)
    }

    @Test func failingAttemptIsNeverNotModified() {
        let result = plan(
            "/object?etag=a&fail-first=1",
            headers: [HeaderField(name: "If-None-Match", value: "\"a\"")]
        )
        #expect(result.status == 503)
    }

    @Test func redirectChainCountsDownAndKeepsTheStatus() {
        let first = plan("/redirect-chain?n=3&final=%2Fobject%3Fsize%3D1&status=307")
        #expect(first.status == 307)
        #expect(first.headers.first(named: "Location") == "/redirect-chain?n=2&final=%2Fobject%3Fsize%3D1&status=307")
        #expect(first.headers.first(named: "Content-Type") == nil)
        let last = plan("/redirect-chain?n=1&final=%2Fobject%3Fsize%3D1")
        #expect(last.status == 302)
        #expect(last.headers.first(named: "Location") == "/object?size=1")
    }

    @Test func redirectLoopPointsAtItself() {
        #expect(plan("/redirect-loop?status=301").headers.first(named: "Location") == "/redirect-loop?status=301")
    }

    @Test(arguments: [
        "/object?size=-1", "/object?seed=x", "/object?status=99", "/object?status=600", "/object?bogus",
        "/redirect", "/redirect-chain?n=0", "/object?no-length&declared-length=3", "/object?header=novalue",
        "/redirect-loop?size=3",
    ])
    func malformedTargetsAreBadRequests(target: String) {
        #expect(plan(target).status == 400)
    }

    @Test func unknownPathIsNotFoundAndOtherMethodsAreRefused() {
        #expect(plan("/nope").status == 404)
        let post = plan("/object", method: "POST")
        #expect(post.status == 405)
        #expect(post.headers.first(named: "Allow") == "GET, HEAD")
    }

    @Test func publishedFileKeepsItsTypeUnlessOverridden() {
        let file = OriginRouter.PublishedFile(bytes: [1, 2, 3], contentType: "text/html")
        let served = plan("/a.html", published: file)
        #expect(served.body == .fixed([1, 2, 3]))
        #expect(served.headers.first(named: "Content-Type") == "text/html")
        let retyped = plan("/a.html?type=text%2Fplain", published: file)
        #expect(retyped.headers.first(named: "Content-Type") == "text/plain")
    }

    @Test func extraHeadersAndNoLength() {
        let result = plan("/object?size=3&header=X-Test:%20yes&header=Cache-Control:no-store&no-length")
        #expect(result.headers.first(named: "x-test") == "yes")
        #expect(result.headers.first(named: "Cache-Control") == "no-store")
        #expect(result.declaredLength == nil)
        #expect(result.sentLength == 3)
    }

    @Test func targetDecodingKeepsPlusAndMalformedEscapes() {
        let target = OriginTarget("/p%61th?a=1+2&b=%zz&flag&c=%2F")
        #expect(target.path == "/path")
        #expect(target.value("a") == "1+2")
        #expect(target.value("b") == "%zz")
        #expect(target.value("flag") == "")
        #expect(target.value("c") == "/")
        #expect(target.value("d") == nil)
        #expect(OriginTarget.percentEncoded("http://h/?a=b&c") == "http%3A%2F%2Fh%2F%3Fa%3Db%26c")
    }

    @Test(arguments: [
        (Int64(0), "Thu, 01 Jan 1970 00:00:00 GMT"),
        (784_111_777, "Sun, 06 Nov 1994 08:49:37 GMT"),
        (951_782_400, "Tue, 29 Feb 2000 00:00:00 GMT"),
        (-1, "Wed, 31 Dec 1969 23:59:59 GMT"),
        (4_102_444_799, "Thu, 31 Dec 2099 23:59:59 GMT"),
    ])
    func httpDatesAreIMFFixdate(seconds: Int64, text: String) {
        #expect(HTTPDate.format(unixSeconds: seconds) == text)
    }
}
