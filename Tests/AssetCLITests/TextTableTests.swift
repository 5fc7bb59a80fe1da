import AssetCLI
import Testing

struct TextTableTests {
    @Test func columnsArePaddedToTheirWidestCellAndTheLastIsNot() {
        let text = TextTable.render(
            [["state", "size", "url"], ["cached", "12", "https://a.test/1.jpg"], ["failed", "", "u"]],
            rightAligned: [1]
        )
        #expect(text == "state   size  url\ncached    12  https://a.test/1.jpg\nfailed        u\n")
    }

    @Test func aHugeCellOverflowsItsOwnRowWithoutPaddingTheOthers() {
        let huge = "https://a.test/" + String(repeating: "x", count: 100_000)
        let rows = [["url", "state"], [huge, "failed"]] + (0..<1000).map { ["https://a.test/\($0)", "cached"] }
        let text = TextTable.render(rows)
        let lines = text.split(separator: "\n")
        #expect(lines.count == 1002)
        #expect(lines[1] == Substring(huge + "  failed"))
        #expect(lines[2] == "https://a.test/0    cached")
        #expect(text.utf8.count < huge.utf8.count + 40_000, "\(text.utf8.count) bytes")
    }
}
