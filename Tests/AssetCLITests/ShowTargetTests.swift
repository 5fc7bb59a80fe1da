import AssetCLI
import Testing

@Suite("show target classification")
struct ShowTargetTests {
    @Test(
        "digits are an article, six or more hex digits a digest, anything else a URL",
        arguments: [
            ("42", ShowTarget.article(42)),
            ("9F86D0", ShowTarget.digest("9f86d0")),
            ("9f86d081884c", ShowTarget.digest("9f86d081884c")),
            (String(repeating: "ab", count: 32), ShowTarget.digest(String(repeating: "ab", count: 32))),
            ("abc", ShowTarget.url("abc")),
            (String(repeating: "ab", count: 33), ShowTarget.url(String(repeating: "ab", count: 33))),
            ("https://img.test/a.jpg", ShowTarget.url("https://img.test/a.jpg")),
            ("99999999999999999999", ShowTarget.digest("99999999999999999999")),
        ]
    )
    func classify(argument: String, expected: ShowTarget) {
        #expect(ShowTarget(argument) == expected)
    }
}
