import AssetFetch
import Foundation
import Synchronization

/// Latencies of `GET /v1/status` and of a URL lookup (`GET /v1/assets?url=…`, what `assetctl show URL` asks)
/// seen by concurrent clients of the daemon's control socket.
///
/// Each client is a task in this process that uses the project's `UnixSocketClient` (as `assetctl` does) and
/// alternates the two requests back to back, with a different selected URL each time, until the measured step
/// ends. Every answered request's latency is kept (a lookup answered 404 also counts: its article may not have
/// been submitted yet); a request that fails or gets another status is counted in ``failures`` instead.
struct EndToEndLatency {
    /// Latencies of `GET /v1/status`.
    var status: [Duration] = []
    /// Latencies of `GET /v1/assets?url=…`.
    var lookup: [Duration] = []
    /// Lookups answered 404 (URL not in the index yet), counted in ``lookup`` too.
    var absent = 0
    /// Requests that failed or did not answer 200 (or 404 to a lookup), by reason (`HTTP 404`, the transport error).
    var failures: [String: Int] = [:]

    /// Runs `clients` clients against the daemon on `socket` while `body` runs, and returns `body`'s result with
    /// the latencies recorded meanwhile.
    ///
    /// - Parameters:
    ///   - socket: the daemon's control socket.
    ///   - urls: the URLs to look up, in turn (not empty).
    ///   - clients: how many clients at once.
    ///   - body: the step under which latency is measured.
    /// - Throws: what `body` throws (the clients are stopped first).
    static func measure<Result>(
        socket: String,
        urls: [String],
        clients: Int,
        during body: () async throws -> Result
    ) async throws -> (Result, EndToEndLatency) {
        let stop = StopFlag()
        return try await withThrowingTaskGroup(of: EndToEndLatency.self) { group in
            for number in 0..<clients {
                group.addTask {
                    await runClient(number: number, socket: socket, urls: urls, stop: stop)
                }
            }
            let result: Result
            do {
                result = try await body()
            } catch {
                stop.set()
                throw error
            }
            stop.set()
            var total = EndToEndLatency()
            for try await record in group {
                total.status += record.status
                total.lookup += record.lookup
                total.absent += record.absent
                total.failures.merge(record.failures, uniquingKeysWith: +)
            }
            return (result, total)
        }
    }

    /// One line per request kind: count, p50, p99 and max in milliseconds, and with `reference` (the same
    /// clients against an idle daemon) the ratios of p50 and p99 to it.
    func summary(reference: EndToEndLatency? = nil) -> String {
        var rows = [["request", "count", "p50 ms", "p99 ms", "max ms"] + (reference == nil ? [] : ["p50, p99 ÷ idle"])]
        for (name, samples, idle) in [
            ("GET /v1/status", status, reference?.status),
            ("GET /v1/assets?url=", lookup, reference?.lookup),
        ] {
            let sorted = samples.sorted()
            var row = [
                name, "\(sorted.count)", Self.milliseconds(Self.percentile(sorted, 0.5)),
                Self.milliseconds(Self.percentile(sorted, 0.99)), Self.milliseconds(sorted.last),
            ]
            if let idle {
                let idleSorted = idle.sorted()
                row.append(
                    Self.ratio(Self.percentile(sorted, 0.5), Self.percentile(idleSorted, 0.5)) + ", "
                        + Self.ratio(Self.percentile(sorted, 0.99), Self.percentile(idleSorted, 0.99))
                )
            }
            rows.append(row)
        }
        let failed = failures.sorted { $0.value > $1.value }.map { "\($0.value) × \($0.key)" }
        return EndToEndTable.columns(rows)
            + (absent > 0 ? "\(absent) lookups answered 404: URL not submitted yet\n" : "")
            + (failed.isEmpty ? "" : "failed: " + failed.joined(separator: "; ") + "\n")
    }

    /// The nearest-rank percentile `p` (0–1) of sorted samples, `nil` for none.
    static func percentile(_ sorted: [Duration], _ p: Double) -> Duration? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((Double(sorted.count) * p).rounded(.up))
        return sorted[min(sorted.count - 1, max(0, rank - 1))]
    }

    private static func milliseconds(_ duration: Duration?) -> String {
        duration.map { EndToEndTable.format(EndToEndTable.seconds($0) * 1000, digits: 2) } ?? "-"
    }

    private static func ratio(_ loaded: Duration?, _ idle: Duration?) -> String {
        guard let loaded, let idle, idle > .zero else { return "-" }
        return EndToEndTable.format(EndToEndTable.seconds(loaded) / EndToEndTable.seconds(idle), digits: 1)
    }

    private static func runClient(number: Int, socket: String, urls: [String], stop: StopFlag) async
        -> EndToEndLatency
    {
        let transport = UnixSocketClient(socketPath: socket)
        let clock = ContinuousClock()
        var record = EndToEndLatency()
        // 3,571 is prime: stepping by it visits every URL of a list whose length it does not divide.
        var index = number * 1_009
        while !stop.isSet && !Task.isCancelled {
            let url = urls[index % urls.count]
            index += 3_571
            for isLookup in [false, true] {
                let target = isLookup ? "/v1/assets?url=" + percentEncoded(url) : "/v1/status"
                let start = clock.now
                do {
                    let response = try await transport.send(UnixSocketRequest(target: target, timeout: .seconds(60)))
                    let elapsed = clock.now - start
                    // 404: the URL is not in the index yet (its article is still being submitted); still an answer.
                    if isLookup && response.head.status == 404 { record.absent += 1 }
                    guard response.head.status == 200 || (isLookup && response.head.status == 404) else {
                        record.failures["HTTP \(response.head.status) \(target.prefix(12))", default: 0] += 1
                        continue
                    }
                    if isLookup { record.lookup.append(elapsed) } else { record.status.append(elapsed) }
                } catch {
                    if !stop.isSet { record.failures["\(error)", default: 0] += 1 }
                }
            }
        }
        return record
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    private static func percentEncoded(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~"
    )
}

/// A flag the measured step sets once to stop the clients.
private final class StopFlag: Sendable {
    private let flag = Atomic<Bool>(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}
