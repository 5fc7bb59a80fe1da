import AssetAPI
import Foundation
import Synchronization
import Testing

/// `assetctl enqueue` against a canned daemon: what it submits, what it prints, and how `--wait` ends.
@Suite("assetctl enqueue", .timeLimit(.minutes(1)))
struct EnqueueBinaryTests {
    typealias Scratch = DaemonCommandBinaryTests.Scratch

    static let cached = APIFixtures.cachedAsset()
    static let failed = APIFixtures.failedAsset()

    /// Submissions answered with article 7 and its two assets queued.
    static func submission(_ request: CannedDaemon.Request) -> CannedDaemon.Reply? {
        guard request.method == "POST", request.path == "/v1/articles" else { return nil }
        let result = ArticleSubmissionResult(id: 7, assets: [APIFixtures.queued(cached), APIFixtures.queued(failed)])
        return .json(APIFixtures.json(result), status: 202)
    }

    @Test("a file is sent as the body with its name and options; a URL as {\"url\"}; ids are printed")
    func submitFileAndURL() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let article = Array("https://img.test/a-480.jpg 480w, https://img.test/a-1280.jpg 1280w".utf8)
        let file = scratch.path + "/news.txt"
        _ = FileManager.default.createFile(atPath: file, contents: Data(article))
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            Self.submission(request) ?? .error("not_found", "no route", status: 404)
        }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run([
            "enqueue", "--socket", daemon.socketPath, "--width", "640", "--policy", "largest", file,
            "https://news.test/story",
        ])
        #expect(run.status == 0)
        #expect(run.standardOutput == "7\n7\n")
        // The two are sent at once, so they may arrive in either order.
        let requests = daemon.requests
        try #require(requests.count == 2)
        let upload = try #require(requests.first { $0.header("Content-Type") == "text/plain" })
        #expect(upload.target == "/v1/articles?width=640&policy=largest&name=news.txt")
        #expect(upload.body == article)
        let byURL = try #require(requests.first { $0.header("Content-Type") == "application/json" })
        #expect(byURL.target == "/v1/articles?width=640&policy=largest")
        #expect(
            try APIJSON.decode(ArticleSubmissionRequest.self, from: Data(byURL.body)).url == "https://news.test/story"
        )
    }

    @Test("many articles are sent several at a time, and their ids come out in the order they were named")
    func manyArticlesKeepTheirOrder() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let names = (1...20).map { "story-\($0).txt" }
        for name in names {
            _ = FileManager.default.createFile(atPath: scratch.path + "/" + name, contents: Data("words\n".utf8))
        }
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            // The id is the story's number, so the output shows whether the order held.
            guard request.method == "POST", let range = request.target.range(of: "name=story-") else {
                return .error("not_found", "no route", status: 404)
            }
            let number = Int64(request.target[range.upperBound...].prefix { $0.isNumber }) ?? 0
            return .json(APIFixtures.json(ArticleSubmissionResult(id: number, assets: [])), status: 202)
        }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(
            ["enqueue", "--socket", daemon.socketPath] + names.map { scratch.path + "/" + $0 }
        )
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput == (1...20).map { "\($0)\n" }.joined())
        #expect(daemon.requests.count == 20)
    }

    @Test("standard input is read for -, and --json prints the submission document unchanged")
    func standardInputJSON() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            Self.submission(request) ?? .error("not_found", "no route", status: 404)
        }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(
            ["enqueue", "--json", "--socket", daemon.socketPath, "-"],
            input: Array("<img src=a.jpg>".utf8)
        )
        #expect(run.status == 0)
        let expected = ArticleSubmissionResult(
            id: 7,
            assets: [APIFixtures.queued(Self.cached), APIFixtures.queued(Self.failed)]
        )
        #expect(run.standardOutput == APIFixtures.json(expected) + "\n")
        #expect(daemon.requests.first?.body == Array("<img src=a.jpg>".utf8))
    }

    /// Bytes that differ at every offset in a pattern no shorter than the upload buffer repeats.
    private static func article(count: Int) -> [UInt8] {
        (0..<count).map { UInt8(truncatingIfNeeded: ($0 &* 2_654_435_761) >> 13) }
    }

    @Test("standard input from a pipe is streamed chunked, every byte intact")
    func standardInputPipeIsChunked() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            Self.submission(request) ?? .error("not_found", "no route", status: 404)
        }
        defer { daemon.stop() }
        let input = Self.article(count: 3 * 1024 * 1024 + 11)
        let run = try AssetctlProcess.run(
            ["enqueue", "--socket", daemon.socketPath, "-"],
            input: input,
            inputThroughPipe: true
        )
        #expect(run.status == 0, "\(run.standardError)")
        let request = try #require(daemon.requests.first)
        #expect(request.header("Transfer-Encoding")?.lowercased() == "chunked")
        #expect(request.header("Content-Length") == nil)
        #expect(request.body.count == input.count)
        #expect(request.body == input)
    }

    @Test("a piped article with no daemon exits 3 without waiting for the rest of the pipe")
    func pipeWithoutDaemon() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let run = try AssetctlProcess.run(
            ["enqueue", "--socket", scratch.socket, "-"],
            input: Self.article(count: 2 * 1024 * 1024),
            inputThroughPipe: true
        )
        #expect(run.status == 3)
        #expect(run.standardError.contains("cannot reach assetd"))
    }

    @Test("a large file is streamed with its length, every byte intact")
    func largeFileHasItsLength() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            Self.submission(request) ?? .error("not_found", "no route", status: 404)
        }
        defer { daemon.stop() }
        let input = Self.article(count: 4 * 1024 * 1024 + 5)
        let file = scratch.path + "/big.html"
        _ = FileManager.default.createFile(atPath: file, contents: Data(input))
        let run = try AssetctlProcess.run(["enqueue", "--socket", daemon.socketPath, file])
        #expect(run.status == 0, "\(run.standardError)")
        let request = try #require(daemon.requests.first)
        #expect(request.header("Content-Length") == "\(input.count)")
        #expect(request.header("Transfer-Encoding") == nil)
        #expect(request.header("Content-Type") == "text/html")
        #expect(request.body == input)
    }

    @Test("a directory exits 1 naming it, before anything is sent")
    func directoryIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemon = try CannedDaemon(socketPath: scratch.socket) { _ in .error("not_found", "no route", status: 404) }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(["enqueue", "--socket", daemon.socketPath, scratch.path])
        #expect(run.status == 1)
        #expect(run.standardError.contains("Is a directory"))
        #expect(daemon.requests.isEmpty)
    }

    @Test("an unreadable file exits 1 naming it, before anything is sent")
    func unreadableFile() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemon = try CannedDaemon(socketPath: scratch.socket) { _ in .error("not_found", "no route", status: 404) }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(["enqueue", "--socket", daemon.socketPath, "/nonexistent/a.html"])
        #expect(run.status == 1)
        #expect(run.standardError.contains("/nonexistent/a.html"))
        #expect(daemon.requests.isEmpty)
    }

    @Test("--wait subscribes before submitting, prints a line per finished asset and a summary, exits 1 on a failure")
    func waitWithFailure() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let states = Mutex<[AssetRecord]>([APIFixtures.queued(Self.cached), APIFixtures.queued(Self.failed)])
        let submitted = Mutex(false)
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            if let reply = Self.submission(request) {
                submitted.withLock { $0 = true }
                return reply
            }
            switch request.path {
            case "/v1/articles/7":
                return .json(APIFixtures.json(APIFixtures.article(assets: states.withLock { $0 })))
            case "/v1/events":
                return .stream(contentType: "text/event-stream") { writer in
                    for _ in 0..<100 where !submitted.withLock({ $0 }) { usleep(20_000) }
                    let steps: [(AssetRecord, AssetState?, AssetState)] = [
                        (Self.cached, .queued, .fetching), (Self.cached, .fetching, .cached),
                        (Self.failed, .queued, .fetching), (Self.failed, .fetching, .failed),
                    ]
                    for (index, step) in steps.enumerated() {
                        // The index changes before the event goes out, as in the daemon.
                        if step.2 == .cached || step.2 == .failed {
                            states.withLock { $0[step.0.id == 1 ? 0 : 1] = step.0 }
                        }
                        let event = ServerEvent.asset(EnqueueProgressTests.transition(step.0, from: step.1, to: step.2))
                        guard let frame = try? event.frame(id: String(index)), writer.write(frame.encoded) else {
                            return
                        }
                        usleep(50_000)
                    }
                    // Keep the stream open, as the daemon does, until the client goes away.
                    for _ in 0..<500 {
                        guard writer.write(": keep-alive\n\n") else { return }
                        usleep(20_000)
                    }
                }
            default:
                return .error("not_found", "no route", status: 404)
            }
        }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(
            ["enqueue", "--wait", "--socket", daemon.socketPath, "-"],
            input: Array("x".utf8)
        )
        #expect(run.status == 1)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "7")
        #expect(lines.contains("cached  4 B  https://img.test/a-1280.jpg"))
        #expect(
            lines.filter { $0.hasPrefix("failed  https://img.test/b-1280.jpg: http_status: HTTP 404") }.count == 2,
            "\(run.standardOutput)"
        )
        #expect(lines.contains { $0.hasPrefix("2 assets: 1 cached (4 B), 1 failed in ") })
        #expect(daemon.requests.first?.path == "/v1/events")
        // The events carried every change, so nothing had to be re-read.
        #expect(!daemon.requests.contains { $0.path == "/v1/articles/7" })
    }

    @Test("--wait exits 3 with the not-running message when the daemon goes away before the assets are done")
    func daemonGoesAway() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemonBox = Mutex<CannedDaemon?>(nil)
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            if let reply = Self.submission(request) { return reply }
            guard request.path == "/v1/articles/7" else { return .error("not_found", "no route", status: 404) }
            // The first poll answers, then the daemon stops listening (as a crashed daemon would).
            daemonBox.withLock { $0?.stop() }
            return .json(APIFixtures.json(APIFixtures.article(assets: [APIFixtures.queued(Self.cached)])))
        }
        daemonBox.withLock { $0 = daemon }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(
            ["enqueue", "--wait", "--socket", daemon.socketPath, "-"],
            input: Array("x".utf8)
        )
        #expect(run.status == 3)
        #expect(run.standardOutput.hasPrefix("7\n"))
        #expect(
            run.standardError
                == "error: cannot reach assetd at \(daemon.socketPath): is it running? (systemctl status assetd)\n"
        )
    }

    @Test(
        "on a terminal --wait redraws one bar line in place, then prints the summary",
        .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "script (util-linux) is missing")
    )
    func waitOnTerminal() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let file = scratch.path + "/a.txt"
        _ = FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        let polls = Mutex(0)
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            if let reply = Self.submission(request) { return reply }
            guard request.path == "/v1/articles/7" else { return .error("not_found", "no route", status: 404) }
            let count = polls.withLock { count in
                count += 1
                return count
            }
            // Queued for the first two seconds of polling, then one cached and one failed.
            let assets =
                count < 2
                ? [APIFixtures.queued(Self.cached), APIFixtures.queued(Self.failed)] : [Self.cached, Self.failed]
            return .json(APIFixtures.json(APIFixtures.article(assets: assets)))
        }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(["enqueue", "--wait", "--socket", daemon.socketPath, file], onTerminal: true)
        #expect(run.status == 1)
        let text = run.standardOutput
        #expect(text.contains("\r[------------------------]  0/2 assets  0 B  0 B/s"))
        #expect(text.contains("\u{1B}[K"))
        #expect(!text.contains("cached  4 B  https://img.test/a-1280.jpg"), "no per-asset lines on a terminal")
        #expect(text.contains("2 assets: 1 cached (4 B), 1 failed in "))
        #expect(text.contains("failed  https://img.test/b-1280.jpg: http_status: HTTP 404"))
    }

    @Test("--wait without an event stream still finishes by reading the articles, exit 0 when all are cached")
    func waitByPolling() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let polls = Mutex(0)
        let daemon = try CannedDaemon(socketPath: scratch.socket) { request in
            if let reply = Self.submission(request) { return reply }
            guard request.path == "/v1/articles/7" else { return .error("not_found", "no route", status: 404) }
            let count = polls.withLock { count in
                count += 1
                return count
            }
            var second = Self.cached
            second.id = 2
            second.url = "https://img.test/b-1280.jpg"
            let assets =
                count < 2 ? [APIFixtures.queued(Self.cached), APIFixtures.queued(second)] : [Self.cached, second]
            return .json(APIFixtures.json(APIFixtures.article(assets: assets)))
        }
        defer { daemon.stop() }
        let run = try AssetctlProcess.run(
            ["enqueue", "--wait", "--json", "--socket", daemon.socketPath, "-"],
            input: Array("x".utf8)
        )
        #expect(run.status == 0)
        let document = try APIJSON.decode(ArticleDocument.self, from: Data(run.output))
        #expect(document.assets.allSatisfy { $0.state == .cached })
    }
}
