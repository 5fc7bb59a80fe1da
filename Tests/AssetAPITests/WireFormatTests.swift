import AssetAPI
import Foundation
import Testing

/// Encodes a document with the API's encoder as a string (sorted keys, so the text is stable).
func wireText(_ value: some Encodable) throws -> String {
    String(decoding: try APIJSON.encode(value), as: UTF8.self)
}

/// Encodes then decodes a document with the API's coders.
func roundTrip<T: Codable>(_ value: T) throws -> T {
    try APIJSON.decode(T.self, from: try APIJSON.encode(value))
}

/// 2023-11-14T22:13:20Z.
let sampleDate = Date(timeIntervalSince1970: 1_700_000_000)

@Suite struct WireFormatTests {
    let cachedAsset = AssetRecord(
        id: 7,
        url: "https://img.example/a/768.jpg?x=1&y=2",
        state: .cached,
        articleIDs: [1, 3],
        width: 768,
        sha256: String(repeating: "ab", count: 32),
        byteCount: 12345,
        contentType: "image/jpeg",
        httpStatus: 200,
        attempts: 1,
        path: "/var/cache/assetd/objects/sha256/ab/" + String(repeating: "ab", count: 32),
        createdAt: sampleDate,
        updatedAt: sampleDate,
        fetchedAt: sampleDate
    )

    @Test func assetRecordUsesSnakeCaseKeysAndExplicitNulls() throws {
        let queued = AssetRecord(
            id: 2,
            url: "https://x/y.png",
            state: .queued,
            createdAt: sampleDate,
            updatedAt: sampleDate
        )
        #expect(
            try wireText(queued)
                == #"{"article_ids":[],"attempts":0,"byte_count":null,"content_type":null,"created_at":"2023-11-14T22:13:20Z","#
                + #""error":null,"fetched_at":null,"http_status":null,"id":2,"next_attempt_at":null,"path":null,"#
                + #""sha256":null,"state":"queued","updated_at":"2023-11-14T22:13:20Z","url":"https://x/y.png","width":null}"#
        )
        #expect(try roundTrip(queued) == queued)
        #expect(try roundTrip(cachedAsset) == cachedAsset)
    }

    @Test func failedAssetCarriesItsErrorAndRetryTime() throws {
        let failed = AssetRecord(
            id: 9,
            url: "https://x/z.webp",
            state: .failed,
            attempts: 5,
            nextAttemptAt: sampleDate,
            error: AssetFailure(code: "http_status", message: "HTTP 404 from https://x/z.webp"),
            createdAt: sampleDate,
            updatedAt: sampleDate
        )
        let text = try wireText(failed)
        #expect(text.contains(#""error":{"code":"http_status","message":"HTTP 404 from https://x/z.webp"}"#))
        #expect(text.contains(#""next_attempt_at":"2023-11-14T22:13:20Z""#))
        #expect(try roundTrip(failed) == failed)
    }

    @Test func assetRecordDecodesWhenOptionalKeysAreOmitted() throws {
        let json =
            #"{"id":1,"url":"u","state":"evicted","article_ids":[4],"attempts":2,"#
            + #""created_at":"2023-11-14T22:13:20Z","updated_at":"2023-11-14T22:13:20Z"}"#
        let record = try APIJSON.decode(AssetRecord.self, from: Data(json.utf8))
        #expect(record.state == .evicted)
        #expect(record.articleIDs == [4])
        #expect(record.sha256 == nil)
    }

    @Test func submissionResultAndListWrapAssets() throws {
        let result = ArticleSubmissionResult(id: 42, assets: [cachedAsset])
        #expect(try wireText(result).hasPrefix(#"{"assets":[{"article_ids":[1,3],"#))
        #expect(try wireText(result).hasSuffix(#""id":42}"#))
        #expect(try roundTrip(result) == result)
        let list = AssetListDocument(assets: [cachedAsset, cachedAsset])
        #expect(try roundTrip(list) == list)
        #expect(try wireText(AssetListDocument(assets: [])) == #"{"assets":[]}"#)
    }

    @Test func submissionRequestIsJustTheURL() throws {
        #expect(
            try wireText(ArticleSubmissionRequest(url: "https://news.example/a"))
                == #"{"url":"https://news.example/a"}"#
        )
        let decoded = try APIJSON.decode(ArticleSubmissionRequest.self, from: Data(#"{"url":"http://h/p"}"#.utf8))
        #expect(decoded.url == "http://h/p")
    }

    @Test func articleDocumentKeys() throws {
        let article = ArticleDocument(
            id: 3,
            name: "seed.txt",
            baseURL: "https://news.example/",
            sha256: String(repeating: "0", count: 64),
            byteCount: 2048,
            contentType: "text/plain",
            imageCount: 2,
            diagnostics: ["line 4: relative URL without a base"],
            assets: [],
            submittedAt: sampleDate
        )
        let object = try #require(
            try JSONSerialization.jsonObject(with: try APIJSON.encode(article)) as? [String: Any]
        )
        #expect(
            Set(object.keys) == [
                "id", "name", "url", "base_url", "sha256", "byte_count", "content_type", "image_count", "diagnostics",
                "assets", "submitted_at",
            ]
        )
        #expect(object["url"] is NSNull)
        #expect(try roundTrip(article) == article)
    }

    @Test func statusDocumentKeys() throws {
        let status = StatusDocument(
            version: "0.1.0",
            assets: AssetStateCounts(queued: 3, fetching: 2, cached: 10, failed: 1, evicted: 0),
            articles: 4,
            objects: 9,
            bytes: 1_048_576,
            cacheLimitBytes: 10_737_418_240,
            activeTransfers: 2,
            transferRate: 524_288.5,
            startedAt: sampleDate,
            uptimeSeconds: 61.5
        )
        #expect(
            try wireText(status)
                == #"{"active_transfers":2,"articles":4,"assets":{"cached":10,"evicted":0,"failed":1,"fetching":2,"queued":3},"#
                + #""bytes":1048576,"cache_limit_bytes":10737418240,"objects":9,"started_at":"2023-11-14T22:13:20Z","#
                + #""transfer_rate":524288.5,"uptime_seconds":61.5,"version":"0.1.0"}"#
        )
        #expect(try roundTrip(status) == status)
        #expect(status.assets.total == 16)
    }

    @Test func stateCountsSubscriptCoversEveryState() {
        var counts = AssetStateCounts()
        for (index, state) in AssetState.allCases.enumerated() {
            counts[state] = index + 1
        }
        #expect(AssetState.allCases.map { counts[$0] } == [1, 2, 3, 4, 5])
        #expect(counts.total == 15)
    }

    @Test func maintenanceResultsKeys() throws {
        #expect(try wireText(RetryRequest(failedOnly: true)) == #"{"failed_only":true}"#)
        #expect(try wireText(RetryResult(requeued: 5)) == #"{"requeued":5}"#)
        let verify = VerifyResult(checked: 10, bytesChecked: 4096, corrupt: ["aa"], missing: [], requeued: 1)
        #expect(
            try wireText(verify) == #"{"bytes_checked":4096,"checked":10,"corrupt":["aa"],"missing":[],"requeued":1}"#
        )
        #expect(!verify.isClean)
        #expect(VerifyResult(checked: 1, bytesChecked: 1).isClean)
        let gc = GarbageCollectionResult(removedObjects: 2, evictedObjects: 1, removedIngestFiles: 3, freedBytes: 999)
        #expect(
            try wireText(gc) == #"{"evicted_objects":1,"freed_bytes":999,"removed_ingest_files":3,"removed_objects":2}"#
        )
        #expect(try roundTrip(verify) == verify)
        #expect(try roundTrip(gc) == gc)
        #expect(try wireText(HealthDocument(status: .ok)) == #"{"status":"ok"}"#)
    }

    @Test func errorDocumentShapeAndStatuses() throws {
        let error = APIErrorDocument(code: .notFound, message: "no article 42")
        #expect(try wireText(error) == #"{"error":{"code":"not_found","message":"no article 42"}}"#)
        #expect(try roundTrip(error) == error)
        #expect(error.httpStatus == 404)
        let statuses = Dictionary(uniqueKeysWithValues: APIErrorCode.allCases.map { ($0.rawValue, $0.httpStatus) })
        #expect(
            statuses == [
                "bad_request": 400, "invalid_query": 400, "not_found": 404, "method_not_allowed": 405, "conflict": 409,
                "payload_too_large": 413, "unsupported_media_type": 415, "internal": 500, "upstream_failed": 502,
                "unavailable": 503, "insufficient_storage": 507,
            ]
        )
    }

    @Test func unknownErrorCodeDoesNotDecode() {
        let json = #"{"error":{"code":"teapot","message":"x"}}"#
        #expect(throws: DecodingError.self) { try APIJSON.decode(APIErrorDocument.self, from: Data(json.utf8)) }
    }
}
