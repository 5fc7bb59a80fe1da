import AssetAPI
import Foundation
import Testing

/// Runs the real `assetctl` binary built next to the test bundle (`swift build --build-tests` builds it).
@Suite("assetctl binary", .timeLimit(.minutes(1)))
struct AssetctlBinaryTests {
    static let seedArticle = corpusPath("seed/000_b10a193bbb14a3d1.txt")

    @Test("the seed article yields its two srcset runs, each with four variants")
    func seedArticleJSON() throws {
        let run = try runAssetctl(["parse", "--json", Self.seedArticle])
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(ParseReport.self, from: Data(run.standardOutput.utf8))
        #expect(report.images.count == 2)
        for image in report.images {
            let candidates = image.sources.flatMap(\.candidates)
            #expect(candidates.map(\.w) == [480, 768, 1280, 1920])
            #expect(candidates.allSatisfy { $0.url.hasPrefix("https://s3-minsk.becloud.by/media-assets/news-by/") })
            // 100vw at the default 1280px viewport and dpr 1: the 1280w variant is exactly 1x.
            #expect(image.selected.map(\.w) == [1280])
        }
    }

    @Test(
        "width, dpr and policy change the pick",
        arguments: [
            (["--width", "400"], [480]),
            (["--width", "400", "--dpr", "2"], [1280]),
            (["--policy", "smallest"], [480]),
            (["--policy", "largest"], [1920]),
            (["--policy", "all"], [480, 768, 1280, 1920]),
        ]
    )
    func selectionFlags(flags: [String], expected: [Int]) throws {
        let run = try runAssetctl(["parse", "--json"] + flags + [Self.seedArticle])
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(ParseReport.self, from: Data(run.standardOutput.utf8))
        #expect(report.images.map { $0.selected.compactMap(\.w) } == [expected, expected])
    }

    @Test("standard input is read for -, and the table names each pick")
    func standardInputTable() throws {
        let html = #"<p>x</p><img srcset="a.jpg 1x, b.jpg 2x" src="c.jpg">"#
        let run = try runAssetctl(["parse", "--base-url", "https://example.com/news/", "-"], input: html)
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("https://example.com/news/a.jpg"))
        #expect(run.standardOutput.contains("1 image, "))
    }

    @Test("no image is still success")
    func emptyArticle() throws {
        let run = try runAssetctl(["parse", "--json", "-"], input: "just words, no pictures")
        #expect(run.status == 0)
        let report = try JSONDecoder().decode(ParseReport.self, from: Data(run.standardOutput.utf8))
        #expect(report.images.isEmpty)
    }

    @Test("an unreadable file exits 1 with one line naming it")
    func unreadableFile() throws {
        let run = try runAssetctl(["parse", "/nonexistent/article.html"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("/nonexistent/article.html"))
        #expect(run.standardOutput.isEmpty)
    }

    @Test("help is printed to standard output with status 0")
    func help() throws {
        let run = try runAssetctl(["parse", "--help"])
        #expect(run.status == 0)
        #expect(run.standardOutput.contains("USAGE: assetctl parse"))
    }

    @Test("a bad flag exits 2")
    func badFlag() throws {
        let run = try runAssetctl(["parse", "--policy", "nope", Self.seedArticle])
        #expect(run.status == 2)
        #expect(run.standardError.contains("policy"))
    }
}

struct CommandRun {
    var status: Int32
    var standardOutput: String
    var standardError: String
}

/// The absolute path of a file in ../shared/corpus, found from this source file's location.
func corpusPath(_ relative: String) -> String {
    let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/\(relative)").path
}

/// Runs the `assetctl` built beside the running test binary.
func runAssetctl(_ arguments: [String], input: String? = nil) throws -> CommandRun {
    let testBinary = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
    let binary = URL(fileURLWithPath: testBinary).deletingLastPathComponent().appendingPathComponent("assetctl")
    try #require(
        FileManager.default.isExecutableFile(atPath: binary.path),
        "assetctl is not built beside the tests; run `swift build --build-tests` first"
    )
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    let standardInput = Pipe()
    process.standardOutput = output
    process.standardError = error
    process.standardInput = standardInput
    try process.run()
    if let input {
        standardInput.fileHandleForWriting.write(Data(input.utf8))
    }
    try standardInput.fileHandleForWriting.close()
    let outData = output.fileHandleForReading.readDataToEndOfFile()
    let errData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandRun(
        status: process.terminationStatus,
        standardOutput: String(decoding: outData, as: UTF8.self),
        standardError: String(decoding: errData, as: UTF8.self)
    )
}
