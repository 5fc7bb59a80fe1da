import AssetFetch
import Testing

@Suite
struct FetchPolicyTests {
    private var policy: FetchPolicy {
        var policy = FetchPolicy()
        policy.maxObjectBytes = 1000
        policy.acceptTypes = ["image/*", "application/pdf"]
        return policy
    }

    @Test(arguments: ["http://example.test/a.png", "HTTPS://example.test:8443/a?b#c"])
    func acceptsHTTPAndHTTPSURLs(url: String) {
        #expect(policy.check(url: url) == nil)
    }

    @Test(arguments: ["file:///etc/passwd", "ftp://example.test/a", "gopher://example.test/", "data://x/y"])
    func refusesOtherSchemes(url: String) {
        #expect(policy.check(url: url)?.code == .badScheme)
    }

    @Test(arguments: ["example.test/a.png", "http://", "http://host:99999/", "://x", "http://[::1/"])
    func refusesUnparseableURLs(url: String) {
        #expect(policy.check(url: url)?.code == .invalidURL)
    }

    @Test
    func acceptsASuccessfulHeadWithAnAcceptedType() {
        let head = ResponseHead(status: 200, contentType: "image/avif", contentLength: 1000)
        #expect(policy.evaluate(head: head, isConditional: false) == .accept)
        #expect(
            policy.evaluate(head: ResponseHead(status: 206, contentType: "application/pdf"), isConditional: false)
                == .accept
        )
    }

    @Test
    func rejectsAnAnnouncedLengthOverTheLimit() {
        let head = ResponseHead(status: 200, contentType: "image/png", contentLength: 1001)
        guard case .reject(.tooBig, _) = policy.evaluate(head: head, isConditional: false) else {
            Issue.record("expected tooBig")
            return
        }
    }

    @Test(arguments: ["text/html", "imagex/png", "application/pdfx"])
    func rejectsTypesOutsideTheList(type: String) {
        let head = ResponseHead(status: 200, contentType: type)
        guard case .reject(.wrongType, _) = policy.evaluate(head: head, isConditional: false) else {
            Issue.record("expected wrongType for \(type)")
            return
        }
    }

    @Test
    func aMissingTypeIsAcceptedOnlyWhenEverythingIs() {
        #expect(!policy.accepts(contentType: nil))
        var open = policy
        open.acceptTypes = []
        #expect(open.accepts(contentType: nil))
        open.acceptTypes = ["*/*"]
        #expect(open.accepts(contentType: "text/plain"))
    }

    @Test(arguments: [404, 500, 503, 301, 304, 100])
    func rejectsNonSuccessStatuses(status: Int) {
        guard case .reject(.httpStatus, _) = policy.evaluate(head: ResponseHead(status: status), isConditional: false)
        else {
            Issue.record("expected httpStatus for \(status)")
            return
        }
    }

    @Test
    func reportsNotModifiedOnlyForConditionalRequests() {
        #expect(policy.evaluate(head: ResponseHead(status: 304), isConditional: true) == .notModified)
        #expect(
            policy.evaluate(head: ResponseHead(status: 200, contentType: "image/png"), isConditional: true) == .accept
        )
    }

    @Test
    func limitsStreamedBytes() {
        #expect(policy.admits(streamedByteCount: 1000))
        #expect(!policy.admits(streamedByteCount: 1001))
    }

    @Test
    func requestsAreConditionalWithEitherValidator() {
        #expect(!FetchRequest(url: "http://a/").isConditional)
        #expect(FetchRequest(url: "http://a/", ifNoneMatch: "\"x\"").isConditional)
        #expect(FetchRequest(url: "http://a/", ifModifiedSince: "Sun, 06 Nov 1994 08:49:37 GMT").isConditional)
    }
}
