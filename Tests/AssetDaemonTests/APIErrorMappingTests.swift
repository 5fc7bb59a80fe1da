import AssetAPI
import AssetDaemon
import AssetFetch
import AssetStore
import Testing

struct APIErrorMappingTests {
    @Test(arguments: [
        (FetchError.Code.invalidURL, APIErrorCode.badRequest),
        (.badScheme, .badRequest),
        (.refusedAddress, .badRequest),
        (.wrongType, .unsupportedMediaType),
        (.cancelled, .unavailable),
        (.setupFailed, .internal),
        (.dns, .upstreamFailed),
        (.timeout, .upstreamFailed),
        (.httpStatus, .upstreamFailed),
        (.tooBig, .upstreamFailed),
    ])
    func fetchErrorsMapToAPICodes(code: FetchError.Code, expected: APIErrorCode) {
        let document = APIErrorMapping.document(for: FetchError(code, "message for \(code)"))
        #expect(document.error.code == expected)
        #expect(document.error.message == "message for \(code)")
    }

    @Test(arguments: [
        (StoreError.Code.notFound, APIErrorCode.notFound, 404),
        (.invalidDigest, .badRequest, 400),
        (.noSpace, .insufficientStorage, 507),
        (.illegalTransition, .conflict, 409),
        (.database, .internal, 500),
        (.digestMismatch, .internal, 500),
    ])
    func storeErrorsMapToAPICodesAndStatuses(code: StoreError.Code, expected: APIErrorCode, status: Int) {
        let document = APIErrorMapping.document(for: StoreError(code, "a store problem"))
        #expect(document.error.code == expected)
        #expect(document.httpStatus == status)
    }

    @Test func aFullStoreBehindTheSinkIsInsufficientStorage() {
        let error = FetchError(.sinkFailed, "sink", underlying: StoreError(.noSpace, "disk full"))
        #expect(APIErrorMapping.document(for: error).error.code == .insufficientStorage)
    }

    @Test func apiDocumentsPassThroughAndUnknownErrorsAreInternal() {
        let original = APIErrorDocument(code: .payloadTooLarge, message: "too big")
        #expect(APIErrorMapping.document(for: original) == original)
        struct Strange: Error {}
        #expect(APIErrorMapping.document(for: Strange()).error.code == .internal)
        #expect(APIErrorMapping.document(for: CancellationError()).error.code == .unavailable)
    }

    @Test func configurationAndStartupErrorsHaveCodes() {
        let config = ConfigError(problems: [ConfigProblem(.invalidValue, key: "width", "bad")])
        #expect(APIErrorMapping.document(for: config).error.code == .badRequest)
        let locked = DaemonError(.stateDirectoryLocked, "locked")
        #expect(APIErrorMapping.document(for: locked).error.code == .conflict)
    }
}
