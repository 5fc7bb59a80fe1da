import AssetAPI
import AssetFetch

/// Follows the submitted articles until every asset is done: `asset` events drive the progress (the daemon sends one
/// only after the change is committed), and the article documents are re-read every ten seconds as a safety net.
/// Without an event stream (none, or the daemon ended it because this client fell behind) they are re-read every
/// second instead.
struct EnqueueWaiter {
    /// What the wait ended with: the progress and the article documents last read (for `--json`).
    struct Outcome {
        var progress: EnqueueProgress
        var articleBodies: [[UInt8]]
    }

    private enum Input: Sendable {
        case transition(AssetTransition)
        case tick
        /// The event stream ended: events may have been missed.
        case eventsEnded
    }

    /// How often the articles are re-read while events arrive, and without them.
    private static let pollInterval: Duration = .seconds(10)
    private static let pollIntervalWithoutEvents: Duration = .seconds(1)

    let client: ControlClient
    /// Whether to draw the bar in place (a terminal) instead of one line per finished asset.
    let drawsBar: Bool
    /// Whether to print nothing while waiting (`--json`).
    let isQuiet: Bool

    /// Opens the event stream; call it before submitting, so no transition is missed. Nil when the daemon has no
    /// event stream (polling alone then follows the articles).
    func openEvents() async throws(CLIFailure) -> UnixSocketStream? {
        do {
            // Only outcomes: the progress needs nothing else, and the daemon skips the rest.
            let target = APIRoute.withQuery(APIRoute.events, ServerEventFilter.outcomes.queryItems)
            return try await client.open(target, accept: "text/event-stream")
        } catch  where error.exitCode == CLIExitStatus.unreachable {
            throw error
        } catch {
            return nil
        }
    }

    func wait(
        for results: [ArticleSubmissionResult],
        events: UnixSocketStream?,
        startedAt start: ContinuousClock.Instant
    ) async throws -> Outcome {
        var progress = EnqueueProgress()
        for result in results {
            show(progress.add(result), progress, start: start)
        }
        // Every asset was cached or failed when the daemon answered the submissions: nothing to wait for, and
        // without --json nothing to re-read either.
        if progress.isFinished && !isQuiet {
            return Outcome(progress: progress, articleBodies: [])
        }
        let (inputs, continuation) = AsyncStream.makeStream(of: Input.self, bufferingPolicy: .unbounded)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            if let events {
                group.addTask {
                    var parser = ServerSentEventParser()
                    defer { continuation.yield(.eventsEnded) }
                    for try await chunk in events {
                        for frame in parser.consume(chunk) {
                            if case .asset(let transition)? = try? ServerEvent.decode(frame) {
                                continuation.yield(.transition(transition))
                            }
                        }
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    try await Task.sleep(for: .milliseconds(250))
                    continuation.yield(.tick)
                }
            }
            defer {
                continuation.finish()
                group.cancelAll()
            }
            var bodies: [[UInt8]] = []
            var lastPoll = ContinuousClock.now
            var pollInterval = events == nil ? Self.pollIntervalWithoutEvents : Self.pollInterval
            var lastDraw = ContinuousClock.now
            // The events were subscribed to before the articles were sent, so they miss nothing; without them the
            // articles are read now.
            if events == nil {
                bodies = try await poll(results.map(\.id), into: &progress, start: start)
            }
            if !progress.isFinished {
                for await input in inputs {
                    switch input {
                    case .transition(let transition):
                        show(progress.apply(transition), progress, start: start, lastDraw: &lastDraw)
                    case .eventsEnded:
                        pollInterval = Self.pollIntervalWithoutEvents
                        bodies = try await poll(results.map(\.id), into: &progress, start: start)
                        lastPoll = .now
                    case .tick:
                        if ContinuousClock.now - lastPoll >= pollInterval {
                            bodies = try await poll(results.map(\.id), into: &progress, start: start)
                            lastPoll = .now
                        }
                        show([], progress, start: start, lastDraw: &lastDraw, force: true)
                    }
                    if progress.isFinished {
                        break
                    }
                }
            }
            // The final documents: what --json prints, and the last word when the wait ended without finishing.
            if isQuiet || !progress.isFinished {
                bodies = try await poll(results.map(\.id), into: &progress, start: start)
            }
            if drawsBar && !isQuiet {
                CLIOutput.standardOutput("\r\u{1B}[K")
            }
            return Outcome(progress: progress, articleBodies: bodies)
        }
    }

    /// Re-reads every article (several at a time) and reconciles the progress with them, in the articles' order.
    private func poll(
        _ ids: [Int64],
        into progress: inout EnqueueProgress,
        start: ContinuousClock.Instant
    ) async throws(CLIFailure) -> [[UInt8]] {
        let client = self.client
        let replies: [ControlClient.Reply<ArticleDocument>]
        do {
            replies = try await withThrowingTaskGroup(of: PolledArticle.self) { group in
                var replies: [ControlClient.Reply<ArticleDocument>?] = Array(repeating: nil, count: ids.count)
                var started = 0
                var inFlight = 0
                while started < ids.count || inFlight > 0 {
                    while started < ids.count && inFlight < Self.pollWindow {
                        let index = started
                        group.addTask {
                            PolledArticle(
                                index: index,
                                reply: try await client.get(APIRoute.article(id: ids[index]), as: ArticleDocument.self)
                            )
                        }
                        started += 1
                        inFlight += 1
                    }
                    guard let polled = try await group.next() else { break }
                    replies[polled.index] = polled.reply
                    inFlight -= 1
                }
                return replies.compactMap { $0 }
            }
        } catch let failure as CLIFailure {
            throw failure
        } catch {
            throw CLIFailure(message: "cannot re-read the articles: \(error)", exitCode: CLIExitStatus.failed)
        }
        for reply in replies {
            show(progress.reconcile(reply.document), progress, start: start)
        }
        return replies.map(\.body)
    }

    /// Article documents read at once.
    private static let pollWindow = 8

    /// One re-read article, as a child task hands it back.
    private struct PolledArticle: Sendable {
        var index: Int
        var reply: ControlClient.Reply<ArticleDocument>
    }

    private func show(_ changes: [EnqueueProgress.Change], _ progress: EnqueueProgress, start: ContinuousClock.Instant)
    {
        var lastDraw = ContinuousClock.now - .seconds(1)
        show(changes, progress, start: start, lastDraw: &lastDraw)
    }

    /// Prints finished assets as lines, or redraws the bar (at most ten times a second unless forced).
    private func show(
        _ changes: [EnqueueProgress.Change],
        _ progress: EnqueueProgress,
        start: ContinuousClock.Instant,
        lastDraw: inout ContinuousClock.Instant,
        force: Bool = false
    ) {
        guard !isQuiet else { return }
        if !drawsBar {
            for change in changes {
                CLIOutput.standardOutput(ProgressRendering.line(change) + "\n")
            }
            return
        }
        let now = ContinuousClock.now
        guard force || now - lastDraw >= .milliseconds(100) else { return }
        lastDraw = now
        let elapsed = Self.seconds(now - start)
        CLIOutput.standardOutput("\r" + ProgressRendering.bar(progress, elapsedSeconds: elapsed) + "\u{1B}[K")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
