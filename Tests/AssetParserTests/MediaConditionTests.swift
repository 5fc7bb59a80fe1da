import AssetParser
import Testing

@Suite struct MediaConditionTests {
    static func matches(_ media: String, width: Double, height: Double? = nil, dpr: Double = 1) -> Bool {
        MediaQueryList.matches(media, viewport: Viewport(width: width, height: height ?? width * 0.75, dpr: dpr))
    }

    @Test(arguments: [
        ("(min-width: 600px)", 599.0, false),
        ("(min-width: 600px)", 600, true),
        ("(min-width: 600px)", 601, true),
        ("(max-width: 600px)", 600, true),
        ("(max-width: 600px)", 601, false),
        ("(width: 600px)", 600, true),
        ("(width: 600px)", 601, false),
        ("(min-width: 40em)", 640, true),
        ("(min-width: 40em)", 639, false),
        ("(min-width: calc(500px + 10em))", 660, true),
        ("(min-width: calc(500px + 10em))", 659, false),
        ("(MIN-WIDTH:600PX)", 600, true),
    ])
    func plainWidthFeatures(media: String, width: Double, expected: Bool) {
        #expect(Self.matches(media, width: width) == expected)
    }

    @Test(arguments: [
        ("(width >= 600px)", 600.0, true),
        ("(width >= 600px)", 599, false),
        ("(width > 600px)", 600, false),
        ("(width < 600px)", 599, true),
        ("(width <= 600px)", 600, true),
        ("(width = 600px)", 600, true),
        ("(600px <= width)", 600, true),
        ("(600px < width)", 600, false),
        ("(600px > width)", 599, true),
        ("(400px < width < 800px)", 600, true),
        ("(400px < width < 800px)", 800, false),
        ("(400px <= width <= 800px)", 800, true),
        ("(800px > width > 400px)", 600, true),
        ("(400px < width > 800px)", 600, false),  // mixed directions do not parse
    ])
    func rangeSyntax(media: String, width: Double, expected: Bool) {
        #expect(Self.matches(media, width: width) == expected)
    }

    @Test(arguments: [
        ("", true),
        ("all", true),
        ("screen", true),
        ("SCREEN", true),
        ("print", false),
        ("not print", true),
        ("not screen", false),
        ("only screen", true),
        ("only print", false),
        ("tv", false),
        ("screen and (min-width: 1000px)", true),
        ("screen and (min-width: 1300px)", false),
        ("only screen and (max-width: 1280px)", true),
        ("not screen and (max-width: 600px)", true),
        ("print and (min-width: 0)", false),
        ("(min-width: 2000px), print, screen and (min-width: 1200px)", true),
        ("(min-width: 2000px), print", false),
        ("screen and (min-width: 1px) or (max-width: 1px)", false),  // no `or` after a media type
        ("(min-width: 600px) and (max-width: 1300px)", true),
        ("(min-width: 600px) and (max-width: 900px)", false),
        ("(min-width: 2000px) or (max-width: 1300px)", true),
        ("(min-width: 600px) and (max-width: 900px) or (color)", false),  // mixed and/or does not parse
        ("not (min-width: 2000px)", true),
        ("not ((min-width: 600px) and (max-width: 900px))", true),
        ("(orientation: landscape)", true),
        ("(orientation: portrait)", false),
        ("(prefers-color-scheme: dark)", false),
        ("(prefers-color-scheme: light)", true),
        ("(hover)", true),
        ("(min-aspect-ratio: 4/3)", true),
        ("(min-aspect-ratio: 16/9)", false),
        ("(unknown-feature: 1)", false),
        ("not (unknown-feature: 1)", false),
        ("(min-width: -1px)", false),
        ("not (min-width: -1px)", false),
        ("garbage(", false),
        ("(min-width: 600px", false),
    ])
    func mediaQueryLists(media: String, expected: Bool) {
        #expect(Self.matches(media, width: 1280) == expected)
    }

    @Test func resolutionFeaturesUseTheDevicePixelRatio() {
        #expect(Self.matches("(min-resolution: 2dppx)", width: 1280, dpr: 2))
        #expect(!Self.matches("(min-resolution: 2dppx)", width: 1280, dpr: 1))
        #expect(Self.matches("(min-resolution: 192dpi)", width: 1280, dpr: 2))
        #expect(Self.matches("(resolution: 2x)", width: 1280, dpr: 2))
        #expect(Self.matches("(-webkit-min-device-pixel-ratio: 1.5)", width: 1280, dpr: 2))
        #expect(!Self.matches("(-webkit-min-device-pixel-ratio: 1.5)", width: 1280, dpr: 1))
    }

    @Test func heightFeaturesUseTheViewportHeight() {
        #expect(Self.matches("(min-height: 900px)", width: 1280))
        #expect(!Self.matches("(min-height: 900px)", width: 1280, height: 720))
        #expect(Self.matches("(orientation: portrait)", width: 400, height: 800))
    }

    @Test func conditionsAreThreeValued() {
        let viewport = Viewport(width: 1280, height: 960)
        #expect(MediaCondition.evaluate("(min-width: 600px)", viewport: viewport) == .yes)
        #expect(MediaCondition.evaluate("(unknown-thing)", viewport: viewport) == .unknown)
        #expect(MediaCondition.evaluate("not (unknown-thing)", viewport: viewport) == .unknown)
        #expect(MediaCondition.evaluate("(min-width: 600px) or (unknown-thing)", viewport: viewport) == .yes)
        #expect(MediaCondition.evaluate("(max-width: 600px) and (unknown-thing)", viewport: viewport) == .no)
        #expect(MediaCondition.evaluate("foo(bar)", viewport: viewport) == .unknown)
        #expect(MediaCondition.evaluate("(!)", viewport: viewport) == nil)
        #expect(MediaCondition.evaluate("screen", viewport: viewport) == nil)
        #expect(MediaCondition.evaluate("", viewport: viewport) == nil)
    }
}
