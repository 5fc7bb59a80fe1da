import AssetAPI
import Testing

@Suite struct APIRouteTests {
    @Test func pathsAreVersioned() {
        #expect(APIRoute.article(id: 42) == "/v1/articles/42")
        #expect(APIRoute.object(sha256: "ab12") == "/v1/objects/ab12")
        for path in [
            APIRoute.articles, APIRoute.assets, APIRoute.status, APIRoute.events, APIRoute.retry, APIRoute.verify,
            APIRoute.garbageCollection,
        ] {
            #expect(path.hasPrefix(APIRoute.versionPrefix + "/"))
        }
        #expect(APIRoute.metrics == "/metrics")
        #expect(APIRoute.health == "/healthz")
    }

    @Test func queryItemsArePercentEncodedAndDecodedBack() {
        let items = [APIQueryItem("url", "https://x.example/a b?c=d&e=f#g"), APIQueryItem("state", "é")]
        let query = APIQueryItem.encode(items)
        #expect(query == "url=https%3A%2F%2Fx.example%2Fa%20b%3Fc%3Dd%26e%3Df%23g&state=%C3%A9")
        #expect(APIQueryItem.decode(query) == items)
        #expect(APIRoute.withQuery(APIRoute.assets, items) == "/v1/assets?" + query)
        #expect(APIRoute.withQuery(APIRoute.assets, []) == "/v1/assets")
    }

    @Test func queryDecodingToleratesPlusBadEscapesAndBareNames() {
        #expect(
            APIQueryItem.decode("a=1+2&flag&b=%zz&&c=%4") == [
                APIQueryItem("a", "1 2"), APIQueryItem("flag", ""), APIQueryItem("b", "%zz"), APIQueryItem("c", "%4"),
            ]
        )
    }

    @Test func assetListQueryRoundTripsThroughItems() throws {
        let query = AssetListQuery(url: "https://x/a.png", state: .failed, articleID: 12)
        #expect(query.queryItems.map(\.description) == ["url=https://x/a.png", "state=failed", "article=12"])
        #expect(try AssetListQuery.parse(query.queryItems) == query)
        #expect(try AssetListQuery.parse([APIQueryItem("other", "x")]) == AssetListQuery())
    }

    @Test func assetListQueryRejectsUnknownStateAndBadArticle() {
        #expect(throws: APIErrorDocument.self) { try AssetListQuery.parse([APIQueryItem("state", "done")]) }
        do {
            _ = try AssetListQuery.parse([APIQueryItem("article", "abc")])
            Issue.record("expected an error")
        } catch {
            #expect(error.error.code == .invalidQuery)
            #expect(error.error.message.contains("abc"))
        }
    }

    @Test func submissionOptionsRoundTripThroughItems() throws {
        let options = ArticleSubmissionOptions(
            baseURL: "https://n.example/",
            width: 640,
            policy: "largest",
            name: "a.html"
        )
        #expect(
            options.queryItems.map(\.description) == [
                "base_url=https://n.example/", "width=640", "policy=largest", "name=a.html",
            ]
        )
        #expect(try ArticleSubmissionOptions.parse(options.queryItems) == options)
        let fractional = ArticleSubmissionOptions(width: 333.5)
        #expect(fractional.queryItems.map(\.description) == ["width=333.5"])
        #expect(try ArticleSubmissionOptions.parse(fractional.queryItems) == fractional)
    }

    @Test(arguments: ["0", "-5", "abc", "inf", "nan"])
    func submissionOptionsRejectBadWidth(_ width: String) {
        #expect(throws: APIErrorDocument.self) { try ArticleSubmissionOptions.parse([APIQueryItem("width", width)]) }
    }
}

struct ServerEventFilterTests {
    @Test func theOutcomesFilterRoundTripsThroughItsQuery() throws {
        let items = ServerEventFilter.outcomes.queryItems
        #expect(items == [APIQueryItem("to", "cached,failed,evicted")])
        #expect(try ServerEventFilter.parse(items) == .outcomes)
        #expect(try ServerEventFilter.parse([]) == .all)
        #expect(ServerEventFilter.all.queryItems.isEmpty)
    }

    @Test func aFilterAdmitsOnlyItsStates() {
        #expect(ServerEventFilter.outcomes.admits(.cached))
        #expect(!ServerEventFilter.outcomes.admits(.fetching))
        #expect(ServerEventFilter.all.admits(.queued))
    }

    @Test func anUnknownStateIsAnInvalidQuery() {
        let error = #expect(throws: APIErrorDocument.self) {
            _ = try ServerEventFilter.parse([APIQueryItem("to", "cached,,done")])
        }
        #expect(error?.error.code == .invalidQuery)
    }
}
