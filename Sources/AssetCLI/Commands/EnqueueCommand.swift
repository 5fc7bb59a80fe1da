package import ArgumentParser
package import AssetAPI
import AssetFetch
import AssetParser

/// `assetctl enqueue`: submits articles to the daemon and, with `--wait`, follows their assets to the end.
package struct EnqueueCommand: AsyncParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "enqueue",
        abstract: "Submit articles (files, standard input or URLs) and print their ids.",
        discussion: """
            Files and standard input (-) are sent as the article's bytes; http(s) URLs are fetched by the daemon. \
            Prints one article id per line. With --wait, follows the articles' assets until each is cached or \
            failed: a progress bar on a terminal, one line per finished asset otherwise, then a summary. Exits 0 \
            when every asset is cached, 1 when one failed or a file cannot be read, 3 when assetd cannot be reached.
            """
    )

    @OptionGroup package var connection: ConnectionOptions

    @Option(name: .customLong("base-url"), help: "Resolve relative URLs against this http(s) URL.")
    package var baseURL: String?

    @Option(help: "CSS px the images will be shown at (overrides the sizes attribute).")
    package var width: Double?

    @Option(help: "fit, largest, smallest or all (default: the daemon's).")
    package var policy: String?

    @Flag(help: "Wait until every asset of these articles is cached or failed.")
    package var wait = false

    @Flag(help: "Print the API's JSON documents (with --wait: the final article documents).")
    package var json = false

    @Argument(help: "Article files, - for standard input, or http(s) URLs.")
    package var articles: [String] = []

    package init() {}

    package func validate() throws {
        guard !articles.isEmpty else {
            throw ValidationError("Name at least one article: a file, - for standard input, or a URL.")
        }
        if articles.count(where: { $0 == "-" }) > 1 {
            throw ValidationError("Standard input (-) can be named only once.")
        }
        if let baseURL, !baseURL.lowercased().hasPrefix("http://") && !baseURL.lowercased().hasPrefix("https://") {
            throw ValidationError("--base-url must be an absolute http or https URL, not '\(baseURL)'.")
        }
        if let width, !(width > 0 && width.isFinite) {
            throw ValidationError("--width must be a positive number of CSS px.")
        }
        if let policy, SelectionPolicy(rawValue: policy) == nil {
            let names = SelectionPolicy.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("unknown policy '\(policy)'; use one of \(names)")
        }
    }

    package func run() async throws {
        let start = ContinuousClock.now
        let client = try connection.makeClient()
        let waiter = EnqueueWaiter(client: client, drawsBar: CLIOutput.isStandardOutputTerminal, isQuiet: json)
        let events = wait ? try await waiter.openEvents() : nil
        var results: [ArticleSubmissionResult] = []
        try await submitAll(client: client) { reply in
            results.append(reply.document)
            if json && !wait {
                CLIOutput.standardOutput(String(decoding: reply.body, as: UTF8.self).withTrailingNewline)
            } else if !json {
                CLIOutput.standardOutput("\(reply.document.id)\n")
            }
        }
        guard wait else {
            return
        }
        let outcome = try await waiter.wait(for: results, events: events, startedAt: start)
        if json {
            for body in outcome.articleBodies {
                CLIOutput.standardOutput(String(decoding: body, as: UTF8.self).withTrailingNewline)
            }
        } else {
            let elapsed = EnqueueWaiter.seconds(ContinuousClock.now - start)
            CLIOutput.standardOutput(ProgressRendering.summary(outcome.progress, elapsedSeconds: elapsed))
        }
        if outcome.progress.failed > 0 {
            throw CLIExitStatus.failed
        }
    }

    /// The query of every submission.
    package func options(for source: ArticleSource) -> ArticleSubmissionOptions {
        ArticleSubmissionOptions(baseURL: baseURL, width: width, policy: policy, name: source.name)
    }

    /// Articles sent at once: the daemon parses them in parallel and records them in shared index commits.
    static let submissionWindow = 8

    /// Submits every article, up to `submissionWindow` at a time, and hands the replies to `handle` in the order the
    /// articles were named. The first failure (in that order) ends the command; articles after it that were
    /// already sent stay enqueued, as they would after an interrupted run.
    private func submitAll(
        client: ControlClient,
        handle: (ControlClient.Reply<ArticleSubmissionResult>) -> Void
    ) async throws {
        let sources = articles.map(ArticleSource.init)
        try await withThrowingTaskGroup(of: Submission.self) { group in
            var started = 0
            var handled = 0
            var waiting: [Int: Submission] = [:]
            while handled < sources.count {
                while started < sources.count && started - handled < Self.submissionWindow {
                    let index = started
                    group.addTask {
                        do {
                            return Submission(index: index, reply: try await submit(sources[index], client: client))
                        } catch {
                            return Submission(index: index, failure: error)
                        }
                    }
                    started += 1
                }
                guard let submission = try await group.next() else { break }
                waiting[submission.index] = submission
                while let next = waiting.removeValue(forKey: handled) {
                    if let failure = next.failure {
                        throw failure
                    }
                    if let reply = next.reply {
                        handle(reply)
                    }
                    handled += 1
                }
            }
        }
    }

    /// One article's submission, as a child task hands it back.
    private struct Submission: Sendable {
        var index: Int
        var reply: ControlClient.Reply<ArticleSubmissionResult>?
        var failure: (any Error)?

        init(index: Int, reply: ControlClient.Reply<ArticleSubmissionResult>) {
            self.index = index
            self.reply = reply
        }

        init(index: Int, failure: any Error) {
            self.index = index
            self.failure = failure
        }
    }

    private func submit(
        _ source: ArticleSource,
        client: ControlClient
    ) async throws -> ControlClient.Reply<ArticleSubmissionResult> {
        let target = APIRoute.withQuery(APIRoute.articles, options(for: source).queryItems)
        switch source {
        case .url(let url):
            return try await client.post(
                target,
                json: ArticleSubmissionRequest(url: url),
                as: ArticleSubmissionResult.self
            )
        case .standardInput:
            return try await upload("-", contentType: source.contentType, to: target, client: client)
        case .file(let path):
            return try await upload(path, contentType: source.contentType, to: target, client: client)
        }
    }

    /// Streams a file or standard input to the daemon in bounded memory: a regular file with its length, a pipe
    /// chunked.
    private func upload(
        _ path: String,
        contentType: String,
        to target: String,
        client: ControlClient
    ) async throws -> ControlClient.Reply<ArticleSubmissionResult> {
        let descriptor = try ArticleInput.openForSending(path)
        defer { ArticleInput.closeAfterSending(descriptor) }
        return try await client.post(
            target,
            upload: .reading(descriptor),
            sourceName: ArticleInput.displayName(path),
            contentType: contentType,
            as: ArticleSubmissionResult.self
        )
    }
}

extension String {
    /// The text with a newline at its end (API documents usually come without one).
    var withTrailingNewline: String {
        hasSuffix("\n") ? self : self + "\n"
    }
}
