import AssetAPI
import AssetCLI
import Testing

@Suite("status rendering")
struct StatusRenderingTests {
    static let expectedText = """
        assets     300: 120 queued, 4 fetching, 170 cached, 6 failed, 0 evicted
        articles   3
        cache      170 objects, 12.3 MiB of 10.0 GiB (0%)
        transfers  4 active, 1.2 MiB/s
        uptime     1h02m03s (assetd 0.1.0)

        """

    @Test("every fact has its labelled, aligned line")
    func fullStatus() {
        #expect(StatusRendering.text(APIFixtures.status) == Self.expectedText)
    }

    @Test("a zero limit reads as no limit, and one object is singular")
    func noLimit() {
        var status = APIFixtures.status
        status.cacheLimitBytes = 0
        status.objects = 1
        #expect(StatusRendering.text(status).contains("cache      1 object, 12.3 MiB (no limit)\n"))
    }
}
