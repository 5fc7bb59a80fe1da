import ArgumentParser
import AssetAPI
import AssetCLI
import Testing

@Suite("parsing the daemon commands")
struct DaemonCommandParsingTests {
    static func parse(_ arguments: [String]) throws -> any ParsableCommand {
        try AssetctlCommand.parseAsRoot(arguments)
    }

    @Test("enqueue reads its flags, the socket and several articles in order")
    func enqueue() throws {
        let command = try #require(
            try Self.parse([
                "enqueue", "--socket", "/tmp/a.sock", "--base-url", "https://news.test/", "--width", "640",
                "--policy", "largest", "--wait", "--json", "a.html", "-", "https://news.test/b",
            ]) as? EnqueueCommand
        )
        #expect(command.connection.socket == "/tmp/a.sock")
        #expect(command.baseURL == "https://news.test/")
        #expect(command.width == 640)
        #expect(command.policy == "largest")
        #expect(command.wait && command.json)
        #expect(command.articles == ["a.html", "-", "https://news.test/b"])
        let options = command.options(for: ArticleSource("dir/a.html"))
        #expect(
            APIQueryItem.encode(options.queryItems)
                == "base_url=https%3A%2F%2Fnews.test%2F&width=640&policy=largest&name=a.html"
        )
    }

    @Test("the read commands take their filters and --json")
    func readCommands() throws {
        let list = try #require(
            try Self.parse(["ls", "--state", "failed", "--article", "12", "--json"]) as? ListCommand
        )
        #expect(list.state == .failed && list.articleID == 12 && list.json)
        #expect(APIRoute.withQuery(APIRoute.assets, list.query.queryItems) == "/v1/assets?state=failed&article=12")
        let status = try #require(try Self.parse(["status", "--json"]) as? StatusCommand)
        #expect(status.json)
        let show = try #require(try Self.parse(["show", "https://img.test/a.jpg"]) as? ShowCommand)
        #expect(show.target == "https://img.test/a.jpg" && !show.json)
        let path = try #require(try Self.parse(["path", "https://img.test/a.jpg"]) as? PathCommand)
        #expect(path.url == "https://img.test/a.jpg")
        let cat = try #require(try Self.parse(["cat", "https://img.test/a.jpg"]) as? CatCommand)
        #expect(cat.url == "https://img.test/a.jpg")
    }

    @Test("the maintenance commands parse")
    func maintenance() throws {
        let retry = try #require(try Self.parse(["retry", "--failed"]) as? RetryCommand)
        #expect(retry.failed)
        #expect(try Self.parse(["verify"]) is VerifyCommand)
        #expect(try Self.parse(["gc", "--json"]) is GarbageCollectCommand)
    }

    @Test(
        "bad command lines are usage errors (exit 2)",
        arguments: [
            ["enqueue"],
            ["enqueue", "--policy", "biggest", "a.html"],
            ["enqueue", "--width", "0", "a.html"],
            ["enqueue", "--base-url", "ftp://x/", "a.html"],
            ["enqueue", "-", "-"],
            ["ls", "--state", "done"],
            ["ls", "--article", "x"],
            ["show"],
            ["path"],
            ["cat"],
            ["status", "extra"],
            ["frobnicate"],
        ]
    )
    func usageErrors(arguments: [String]) {
        do {
            _ = try Self.parse(arguments)
            Issue.record("\(arguments) parsed")
        } catch {
            #expect(CLIExitStatus.forError(error, root: AssetctlCommand.self) == CLIExitStatus.usage)
        }
    }
}
