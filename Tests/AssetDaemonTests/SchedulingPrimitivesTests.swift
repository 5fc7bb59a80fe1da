import ArgumentParser
import AssetAPI
import AssetDaemon
import AssetFetch
import AssetParser
import Foundation
import Testing

struct SchedulingPrimitivesTests {
    /// A status event with `queued` assets queued (the other counts zero).
    static func statusEvent(queued: Int) -> ServerEvent {
        .status(
            StatusDocument(
                version: "t",
                assets: AssetStateCounts(queued: queued),
                articles: 0,
                objects: 0,
                bytes: 0,
                cacheLimitBytes: 0,
                activeTransfers: 0,
                transferRate: 0,
                startedAt: Date(timeIntervalSince1970: 0),
                uptimeSeconds: 0
            )
        )
    }

    @Test func theEngineConfigurationFollowsTheDaemonConfiguration() throws {
        var configuration = DaemonConfiguration.defaults
        configuration.concurrency = 5
        configuration.perHost = 2
        configuration.maxObjectBytes = 1234
        configuration.acceptTypes = ["image/png"]
        configuration.allowPrivateNetworks = true
        configuration.connectTo = [
            ConnectToRule(host: "img.test", port: 443, connectHost: "127.0.0.1", connectPort: 8443)
        ]
        let engine = configuration.fetchEngineConfiguration
        #expect(engine.concurrency == 5)
        #expect(engine.perHost == 2)
        #expect(engine.policy.maxObjectBytes == 1234)
        #expect(engine.policy.allowPrivateNetworks)
        #expect(engine.policy.connectTo == ["img.test:443:127.0.0.1:8443"])
        #expect(engine.policy.accepts(contentType: "image/png"))
        #expect(engine.policy.accepts(contentType: "text/html"))
        #expect(!engine.policy.accepts(contentType: "image/gif"))
    }

    @Test func articleFormatFollowsTheMediaType() {
        #expect(DaemonCore.articleFormat(contentType: "text/plain") == .text)
        #expect(DaemonCore.articleFormat(contentType: "application/xhtml+xml") == .html)
        #expect(DaemonCore.articleFormat(contentType: nil) == .automatic)
    }

    @Test(.timeLimit(.minutes(1)))
    func eventsReachEverySubscriberUntilTheHubFinishes() async {
        let hub = EventHub()
        let first = hub.subscribe()
        let second = hub.subscribe()
        #expect(hub.subscriberCount == 2)
        let status = Self.statusEvent(queued: 1)
        hub.publish(status)
        hub.finishAll()
        var received: [[ServerEvent]] = []
        for subscription in [first, second] {
            var events: [ServerEvent] = []
            for await batch in subscription { events += batch }
            received.append(events)
        }
        #expect(received == [[status], [status]])
        var late = hub.subscribe().makeAsyncIterator()
        #expect(await late.next() == nil)
    }

    @Test(.timeLimit(.minutes(1)))
    func aSubscriberThatFallsBehindLosesItsStreamAndTheOthersKeepTheirs() async {
        let hub = EventHub(bufferLimit: 3)
        let slow = hub.subscribe()
        let status = Self.statusEvent
        for queued in 1...3 {
            hub.publish(status(queued))
        }
        #expect(hub.subscriberCount == 1, "a full buffer alone ends nothing")
        let keeping = hub.subscribe()
        hub.publish(status(4))
        #expect(hub.subscriberCount == 1, "the slow subscriber is gone")
        var slowBatches: [[ServerEvent]] = []
        for await batch in slow { slowBatches.append(batch) }
        #expect(slowBatches == [[status(2), status(3), status(4)]], "the newest events in one batch, then the end")
        hub.publish(status(5))
        hub.finishAll()
        var kept: [ServerEvent] = []
        for await batch in keeping { kept += batch }
        #expect(kept == [status(4), status(5)])
    }

    @Test(.timeLimit(.minutes(1)))
    func aReaderGetsWhatArrivedMeanwhileInOneBatchAndCancellingEndsItsSubscription() async {
        let hub = EventHub()
        let subscription = hub.subscribe()
        let reader = Task {
            var batches: [[ServerEvent]] = []
            for await batch in subscription { batches.append(batch) }
            return batches
        }
        let status = Self.statusEvent
        // The reader is parked (or about to be): three events, then the reading task is cancelled.
        try? await Task.sleep(for: .milliseconds(50))
        hub.publish(status(1))
        try? await Task.sleep(for: .milliseconds(50))
        hub.publish(status(2))
        hub.publish(status(3))
        try? await Task.sleep(for: .milliseconds(50))
        reader.cancel()
        let batches = await reader.value
        #expect(batches.flatMap { $0 } == [status(1), status(2), status(3)])
        #expect(batches.count <= 2, "events published together are read together: \(batches.map(\.count))")
        #expect(hub.subscriberCount == 0, "cancelling the reader ended the subscription")
    }

    @Test(.timeLimit(.minutes(1)))
    func aFilteredSubscriberGetsOnlyItsTransitionsAndTheHubKnowsWhatIsWanted() async {
        let hub = EventHub()
        #expect(!hub.wantsTransitions(to: .cached))
        let outcomes = hub.subscribe(.outcomes)
        #expect(hub.wantsTransitions(to: .failed))
        #expect(!hub.wantsTransitions(to: .fetching), "nobody asked for fetching: publishers may skip it")
        let transition = { (to: AssetState) in
            ServerEvent.asset(
                AssetTransition(
                    assetID: 1,
                    url: "https://a.test/1.jpg",
                    articleIDs: [1],
                    from: nil,
                    to: to,
                    sha256: nil,
                    byteCount: nil,
                    error: nil,
                    at: Date(timeIntervalSince1970: 0)
                )
            )
        }
        for state in [AssetState.queued, .fetching, .cached] {
            hub.publish(transition(state))
        }
        hub.finishAll()
        var received: [ServerEvent] = []
        for await batch in outcomes { received += batch }
        #expect(received == [transition(.cached)])
    }

    @Test func theCommandLeavesSettingsToTheConfigurationLoader() throws {
        let command = try AssetdCommand.parseAsRoot(["--socket", "/tmp/x.sock", "--check-config", "--per-host=3"])
        let assetd = try #require(command as? AssetdCommand)
        #expect(assetd.settings == ["--socket", "/tmp/x.sock", "--per-host=3"])
        #expect(assetd.checkConfig)
    }
}
