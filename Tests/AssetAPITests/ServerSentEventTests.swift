import AssetAPI
import Foundation
import Testing

@Suite struct ServerSentEventTests {
    let transition = AssetTransition(
        assetID: 5,
        url: "https://img.example/1.jpg",
        articleIDs: [2],
        from: .fetching,
        to: .cached,
        sha256: String(repeating: "c", count: 64),
        byteCount: 100,
        at: sampleDate
    )

    @Test func assetEventFrameHasNameIdAndOneLineOfJSON() throws {
        let frame = try ServerEvent.asset(transition).frame(id: "17")
        let text = frame.encoded
        #expect(text.hasPrefix("event: asset\nid: 17\ndata: {\"article_ids\":[2],\"asset_id\":5,"))
        #expect(text.hasSuffix("}\n\n"))
        #expect(text.filter { $0 == "\n" }.count == 4)
    }

    @Test func transitionKeysIncludeExplicitNulls() throws {
        let created = AssetTransition(assetID: 1, url: "u", from: nil, to: .queued, at: sampleDate)
        #expect(
            try wireText(created)
                == #"{"article_ids":[],"asset_id":1,"at":"2023-11-14T22:13:20Z","byte_count":null,"error":null,"#
                + #""from":null,"sha256":null,"to":"queued","url":"u"}"#
        )
    }

    @Test func eventsSurviveEncodingAndParsingInAnyChunking() throws {
        let status = StatusDocument(
            version: "1",
            assets: AssetStateCounts(queued: 1),
            articles: 1,
            objects: 0,
            bytes: 0,
            cacheLimitBytes: 10,
            activeTransfers: 0,
            transferRate: 0,
            startedAt: sampleDate,
            uptimeSeconds: 2
        )
        let events: [ServerEvent] = [.asset(transition), .status(status)]
        let stream = Array((try events.map { try $0.frame().encoded }.joined()).utf8)
        for chunkSize in [1, 3, 7, stream.count] {
            var parser = ServerSentEventParser()
            var frames: [ServerSentEvent] = []
            var index = 0
            while index < stream.count {
                let end = min(index + chunkSize, stream.count)
                frames += parser.consume(stream[index..<end])
                index = end
            }
            #expect(try frames.compactMap { try ServerEvent.decode($0) } == events)
        }
    }

    @Test func parserFollowsTheEventStreamRules() {
        var parser = ServerSentEventParser()
        let text =
            ": keep-alive\r\nevent: x\r\ndata:first\r\ndata: second\r\nid: 9\r\nignored: y\r\n\r\n"
            + "data: no event name\n\nevent: empty\n\n"
        let frames = parser.consume(Array(text.utf8))
        #expect(
            frames == [
                ServerSentEvent(event: "x", data: "first\nsecond", id: "9"),
                ServerSentEvent(event: "message", data: "no event name", id: "9"),
            ]
        )
    }

    @Test func multiLineDataIsSplitIntoDataLines() {
        let frame = ServerSentEvent(event: "note", data: "a\nb")
        #expect(frame.encoded == "event: note\ndata: a\ndata: b\n\n")
        var parser = ServerSentEventParser()
        #expect(parser.consume(Array(frame.encoded.utf8)) == [frame])
    }

    @Test func unknownEventNamesDecodeToNil() throws {
        #expect(try ServerEvent.decode(ServerSentEvent(event: "future", data: "{}")) == nil)
        #expect(throws: DecodingError.self) { try ServerEvent.decode(ServerSentEvent(event: "asset", data: "{}")) }
    }
}
