import ArgumentParser
import AssetAPI
import AssetCLI
import AssetParser
import Foundation
import Testing

@Suite("assetctl parse")
struct ParseCommandTests {
    // MARK: Flags

    @Test(
        "bad flags exit with status 2",
        arguments: [
            ["parse", "--policy", "biggest", "a.html"],
            ["parse", "--width", "-3", "a.html"],
            ["parse", "--dpr", "0", "a.html"],
            ["parse", "--viewport", "nan", "a.html"],
            ["parse", "--base-url", "ftp://example.com/", "a.html"],
            ["parse", "--base-url", "/relative/path", "a.html"],
            ["parse"],
            ["parse", "--no-such-flag", "a.html"],
        ]
    )
    func badFlagsAreUsageErrors(arguments: [String]) {
        #expect(throws: (any Error).self) {
            _ = try AssetctlCommand.parseAsRoot(arguments)
        }
        do {
            _ = try AssetctlCommand.parseAsRoot(arguments)
        } catch {
            #expect(CLIExitStatus.forError(error, root: AssetctlCommand.self) == CLIExitStatus.usage)
        }
    }

    @Test("flags reach the selection options")
    func flagsAreRead() throws {
        let command = try AssetctlCommand.parseAsRoot([
            "parse", "--base-url", "https://example.com/a/", "--width", "400", "--dpr", "2", "--viewport", "800",
            "--policy", "largest", "--json", "-",
        ])
        let parse = try #require(command as? ParseCommand)
        #expect(parse.baseURL == "https://example.com/a/")
        #expect(parse.width == 400)
        #expect(parse.dpr == 2)
        #expect(parse.viewport == 800)
        #expect(parse.policy == .largest)
        #expect(parse.json)
        #expect(parse.file == "-")
    }

    // MARK: Rendering

    @Test("JSON keeps every key, null when absent, in a stable order")
    func jsonShape() throws {
        let report = ParseReport(
            base: nil,
            images: [
                .init(
                    line: 3,
                    sources: [
                        .init(
                            element: "img",
                            attribute: "srcset",
                            media: nil,
                            type: nil,
                            sizes: "50vw",
                            candidates: [.init(url: "https://a.test/1.jpg", w: 480, x: nil, h: nil)]
                        )
                    ],
                    selected: [.init(url: "https://a.test/1.jpg", w: 480, x: nil, h: nil)]
                )
            ],
            diagnostics: [.init(line: 9, message: "dropped")]
        )
        let json = try ParseRendering.json(report)
        #expect(
            json == """
                {"base":null,"diagnostics":[{"line":9,"message":"dropped"}],"images":[{"line":3,"selected":[{"h":null,\
                "url":"https://a.test/1.jpg","w":480,"x":null}],"sources":[{"attribute":"srcset","candidates":[{"h":null,\
                "url":"https://a.test/1.jpg","w":480,"x":null}],"element":"img","media":null,"sizes":"50vw","type":null}]}]}
                """
        )
        #expect(try JSONDecoder().decode(ParseReport.self, from: Data(json.utf8)) == report)
    }

    @Test("the table has one aligned row per selected variant and a summary")
    func tableRows() {
        let first = ParseReport.Candidate(url: "https://a.test/1.jpg", w: 1280, x: nil, h: nil)
        let second = ParseReport.Candidate(url: "https://a.test/2.jpg", w: nil, x: 2, h: nil)
        let source = ParseReport.Source(
            element: "img",
            attribute: "srcset",
            media: nil,
            type: nil,
            sizes: nil,
            candidates: [first, second]
        )
        let report = ParseReport(
            base: "https://a.test/",
            images: [
                .init(line: 7, sources: [source], selected: [first]),
                .init(line: 120, sources: [source], selected: [first, second]),
                .init(line: 130, sources: [], selected: []),
            ],
            diagnostics: []
        )
        let lines = ParseRendering.table(report, encoding: "utf-8").split(separator: "\n").map(String.init)
        #expect(
            lines == [
                "LINE  CANDIDATES  SELECTED  URL",
                "   7           2  1280w     https://a.test/1.jpg",
                " 120           2  1280w     https://a.test/1.jpg",
                "                  2x        https://a.test/2.jpg",
                " 130           0  -         (nothing selectable)",
                "3 images, 4 candidates, 3 selected, 0 diagnostics; encoding utf-8; base https://a.test/",
            ]
        )
    }

    @Test(
        "descriptors print as written",
        arguments: [
            (ParseReport.Candidate(url: "u", w: 768, x: nil, h: nil), "768w"),
            (ParseReport.Candidate(url: "u", w: nil, x: 1.5, h: nil), "1.5x"),
            (ParseReport.Candidate(url: "u", w: nil, x: 2, h: nil), "2x"),
            (ParseReport.Candidate(url: "u", w: nil, x: nil, h: nil), "1x"),
        ]
    )
    func descriptorText(candidate: ParseReport.Candidate, expected: String) {
        #expect(ParseRendering.describe(candidate) == expected)
    }
}
