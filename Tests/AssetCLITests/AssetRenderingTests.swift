import AssetAPI
import AssetCLI
import Testing

@Suite("asset and article rendering")
struct AssetRenderingTests {
    @Test("the ls table aligns state, size, digest prefix, URL and error")
    func table() {
        let text = AssetRendering.table([APIFixtures.cachedAsset(bytes: 126_361), APIFixtures.failedAsset()])
        #expect(
            text == """
                STATE        SIZE  DIGEST        URL                          ERROR
                cached  123.4 KiB  9f86d081884c  https://img.test/a-1280.jpg
                failed          -  -             https://img.test/b-1280.jpg  HTTP 404 from https://img.test/b-1280.jpg

                """
        )
    }

    @Test("an empty list says so")
    func emptyTable() {
        #expect(AssetRendering.table([]) == "no assets\n")
    }

    @Test("an asset in full names its digest, path and times, and leaves out what is absent")
    func assetDetail() {
        let text = AssetRendering.detail(APIFixtures.cachedAsset())
        #expect(text.contains("url           https://img.test/a-1280.jpg\n"))
        #expect(text.contains("sha256        \(APIFixtures.digest)\n"))
        #expect(text.contains("size          4 B (4 bytes)\n"))
        #expect(text.contains("path          /var/cache/assetd/objects/sha256/9f/\(APIFixtures.digest)\n"))
        #expect(text.contains("created       2026-11-18T"))
        #expect(!text.contains("error"))
        #expect(!text.contains("next attempt"))
        let failed = AssetRendering.detail(APIFixtures.failedAsset())
        #expect(failed.contains("error         http_status: HTTP 404 from https://img.test/b-1280.jpg\n"))
        #expect(!failed.contains("sha256"))
    }

    @Test("an article shows its facts, a state summary and its assets' table")
    func articleDetail() {
        let article = APIFixtures.article(assets: [APIFixtures.cachedAsset(), APIFixtures.failedAsset()])
        let text = AssetRendering.detail(article)
        #expect(text.hasPrefix("article       7\nname          seed.txt\n"))
        #expect(text.contains("assets        2: 1 cached, 1 failed\n"))
        #expect(text.contains("\nSTATE "))
        #expect(text.contains("https://img.test/b-1280.jpg  HTTP 404"))
    }

    @Test("the state summary lists only the states present, in lifecycle order")
    func stateSummary() {
        let assets = [
            APIFixtures.failedAsset(), APIFixtures.cachedAsset(), APIFixtures.queued(APIFixtures.cachedAsset()),
        ]
        #expect(AssetRendering.stateSummary(assets) == "3: 1 queued, 1 cached, 1 failed")
        #expect(AssetRendering.stateSummary([]) == "0")
    }
}
