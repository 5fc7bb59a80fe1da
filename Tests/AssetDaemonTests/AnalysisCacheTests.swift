import AssetDaemon
import AssetParser
import AssetStore
import Testing

struct AnalysisCacheTests {
    static func key(_ number: Int, width: Double? = nil) -> AnalysisCache.Key {
        let hex = String(number, radix: 16)
        guard let digest = ContentDigest(hex: String(repeating: "0", count: 64 - hex.count) + hex) else {
            preconditionFailure("\(number) makes no digest")
        }
        return AnalysisCache.Key(
            digest: digest,
            base: "https://news.test/",
            format: .html,
            selection: SelectionOptions(width: width)
        )
    }

    static func analysis(_ url: String, padding: Int = 0) -> ArticleAnalysis {
        let alt = String(repeating: "a", count: padding)
        let parsed = ArticleParser().parse(Array("<img src=\"\(url)\" alt=\"\(alt)\">".utf8))
        var analysis = ArticleAnalysis.make(parsed, options: SelectionOptions())
        analysis.diagnostics.append(String(repeating: "d", count: padding))
        return analysis
    }

    @Test func theSameBytesAndOptionsHitAndOtherOptionsMiss() {
        let cache = AnalysisCache()
        let first = Self.analysis("https://img.test/1.jpg")
        cache.store(first, for: Self.key(1))
        #expect(cache.analysis(for: Self.key(1)) == first)
        #expect(cache.analysis(for: Self.key(1, width: 640)) == nil, "another width selects differently")
        #expect(cache.analysis(for: Self.key(2)) == nil, "other bytes")
    }

    @Test func theLeastRecentlyUsedGoFirstAndAnOversizedOneIsNotKept() {
        let cache = AnalysisCache(byteLimit: 3_000)
        for number in 1...3 {
            cache.store(Self.analysis("https://img.test/\(number).jpg", padding: 500), for: Self.key(number))
        }
        #expect(cache.count == 2)
        #expect(cache.analysis(for: Self.key(1)) == nil, "the oldest went")
        #expect(cache.analysis(for: Self.key(2)) != nil)
        // Key 2 was just used, so key 3 goes next.
        cache.store(Self.analysis("https://img.test/4.jpg", padding: 500), for: Self.key(4))
        #expect(cache.analysis(for: Self.key(3)) == nil)
        #expect(cache.analysis(for: Self.key(2)) != nil && cache.analysis(for: Self.key(4)) != nil)
        cache.store(Self.analysis("https://img.test/5.jpg", padding: 5_000), for: Self.key(5))
        #expect(cache.analysis(for: Self.key(5)) == nil)
        #expect(cache.count == 2)
    }
}
