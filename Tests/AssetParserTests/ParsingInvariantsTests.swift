import AssetParser
import Testing

/// Properties of the srcset, sizes and URL code checked on many generated inputs (a fixed-seed generator, so
/// every run checks the same inputs).
@Suite struct ParsingInvariantsTests {
    /// SplitMix64: small, deterministic, good enough to spread inputs.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pieces: [String] = [
        "a", "b.jpg", "1", "0", "-", "+", ".", "e", "w", "x", "h", "2x", "100w", ",", " ", "\t", "\n", "(", ")",
        "/", "\\", "?", "#", "%", "%2e", "%zz", ":", "@", "[", "]", "::1", "..", "http:", "https://", "//", "data:",
        "file:", "é", "я", "。", "\u{0}", "\u{A0}", "'", "\"", "<", "calc(", "vw", "px", "em", "min(", "*", "and",
        "not", "or", "(min-width:", "600px", "screen", "xn--", "0x7f", "255", "65536", "example.com",
    ]

    static func randomString(_ generator: inout Generator) -> String {
        let count = Int.random(in: 0...12, using: &generator)
        return (0..<count).map { _ in pieces.randomElement(using: &generator) ?? "" }.joined()
    }

    @Test func srcsetCandidatesAreWellFormed() {
        var generator = Generator(state: 1)
        for _ in 0..<5000 {
            let input = Self.randomString(&generator)
            let result = SrcsetParser.parse(input)
            for candidate in result.candidates {
                #expect(!candidate.url.isEmpty)
                #expect(candidate.url.utf8.allSatisfy { !" \t\n\r\u{0C}".utf8.contains($0) }, "\(input)")
                #expect(candidate.url.first != ",", "\(input)")
                #expect(candidate.width.map { $0 > 0 } ?? true)
                #expect(candidate.density.map { $0 >= 0 && $0.isFinite } ?? true)
                #expect(candidate.height == nil || candidate.width != nil)
                #expect(candidate.width == nil || candidate.density == nil)
            }
        }
    }

    @Test func fetchableURLsResolveToThemselves() {
        var generator = Generator(state: 2)
        let bases = [nil, "https://news.example/a/b.html", "http://[::1]:8080/x/", "file:///srv/page.html"]
        var fetchable = 0
        for index in 0..<5000 {
            let input = Self.randomString(&generator)
            let base = bases[index % bases.count]
            guard case .fetchable(let url) = URLResolver.resolve(input, base: base), !url.hasPrefix("data:") else {
                continue
            }
            fetchable += 1
            #expect(url.hasPrefix("http://") || url.hasPrefix("https://"), "\(input) against \(base ?? "nil")")
            #expect(URLResolver.resolve(url, base: nil) == .fetchable(url), "\(input) gave \(url)")
            #expect(url.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F }, "\(url)")
        }
        #expect(fetchable > 500)
    }

    @Test func sourceSizesAreFiniteAndNonNegative() {
        var generator = Generator(state: 3)
        let viewport = Viewport(width: 1280, height: 960)
        for _ in 0..<5000 {
            let input = Self.randomString(&generator)
            let size = SizesParser.evaluate(input, viewport: viewport)
            #expect(size >= 0 && size.isFinite, "\(input)")
            _ = MediaQueryList.matches(input, viewport: viewport)
        }
    }
}
