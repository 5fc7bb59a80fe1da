/// Everything one `assetbench e2e` invocation measured, and the closing summary: the concurrency matrix, then one
/// Markdown table row per figure, in the shape of README's Benchmarks table, so refreshing it is a copy.
struct EndToEndReport {
    var articleCount: Int
    var imageCount: Int
    var durability: String
    /// The concurrency of the all-cached, CPU and latency figures.
    var referenceConcurrency: Int
    var rounds: [EndToEndRound] = []
    var cached: EndToEndCachedRun?
    var latency: EndToEndLatencyRun?
    var memory: EndToEndMemory.Result?
    /// Wall-clock seconds of the whole invocation.
    var totalSeconds = 0.0

    init(articleCount: Int, imageCount: Int, durability: String, referenceConcurrency: Int) {
        self.articleCount = articleCount
        self.imageCount = imageCount
        self.durability = durability
        self.referenceConcurrency = referenceConcurrency
    }

    /// The closing summary.
    var summary: String {
        "== summary: seconds per tool at each concurrency ==\n" + EndToEndTable.renderMatrix(rounds)
            + "\n== summary: README rows (durability \(durability)) ==\n"
            + "| figure | assetd | peers, same run | ratio | command |\n|---|---|---|---|---|\n"
            + rows.map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
            + "\n\nwhole e2e run: \(format(totalSeconds)) s\n"
    }

    private var rows: [[String]] {
        var rows: [[String]] = []
        let images = count(imageCount)
        for round in rounds {
            let peers = round.peers.compactMap { peer in peer.seconds.map { "\(peer.tool) \(format($0)) s" } }
            let ratio: String =
                if let ours = round.assetd.seconds, let fastest = round.fastestPeer, let theirs = fastest.seconds {
                    "\(format(ours / theirs)) of \(fastest.tool)"
                } else { "-" }
            rows.append([
                "e2e: \(articleCount) articles, \(images) images, concurrency \(round.concurrency)",
                round.assetd.seconds.map { "\(format($0)) s" } ?? "-",
                peers.isEmpty ? "-" : peers.joined(separator: ", "),
                ratio,
                command(round.concurrency),
            ])
        }
        if let reference = rounds.first(where: { $0.concurrency == referenceConcurrency }) {
            rows.append(cpuRow(reference))
        }
        if let cached {
            rows.append([
                "all cached: the same \(articleCount) articles again",
                "\(format(cached.seconds, digits: 3)) s",
                cached.sqliteSeconds.map { "sqlite3 shell, \(images) SELECTs by url: \(format($0, digits: 3)) s" }
                    ?? "-",
                "\(format(cached.seconds / EndToEndCachedRun.targetSeconds)) of the 1 s target"
                    + (cached.sqliteSeconds.map { "; \(format(cached.seconds / $0)) of sqlite3" } ?? ""),
                command(referenceConcurrency),
            ])
        }
        if let memory {
            let peak = memory.peakResidentBytes.map { Double($0) / 1e6 }
            rows.append([
                "daemon peak RSS, \(count(memory.assetCount)) assets queued",
                (peak.map { "\(format($0, digits: 1)) MB" } ?? "-")
                    + ", index \(format(Double(memory.databaseBytes) / 1e6, digits: 1)) MB",
                "-",
                peak.map { "\(format($0 / 150)) of the 150 MB target" } ?? "-",
                command(referenceConcurrency),
            ])
        }
        if let latency {
            for (name, loaded, idle) in [
                ("`GET /v1/status`", latency.loaded.status, latency.idle.status),
                ("lookup `GET /v1/assets?url=`", latency.loaded.lookup, latency.idle.lookup),
            ] {
                rows.append(latencyRow(name, loaded: loaded.sorted(), idle: idle.sorted(), run: latency))
            }
        }
        return rows
    }

    private func cpuRow(_ round: EndToEndRound) -> [String] {
        let perThousand = { (seconds: Double) in seconds * 1000 / Double(max(1, imageCount)) }
        let peers = round.peers.compactMap { peer in
            peer.cpuSeconds.map { (peer.tool, perThousand($0)) }
        }
        let cheapest = peers.min { $0.1 < $1.1 }
        let ours = round.assetd.cpuSeconds.map(perThousand)
        let daemon = round.daemonCPUSeconds.map(perThousand)
        return [
            "CPU s per 1,000 assets, concurrency \(round.concurrency)",
            ours.map { total in
                "\(format(total, digits: 3)) (daemon \(daemon.map { format($0, digits: 3) } ?? "-"))"
            } ?? "-",
            peers.isEmpty ? "-" : peers.map { "\($0.0) \(format($0.1, digits: 3))" }.joined(separator: ", "),
            ours.flatMap { total in cheapest.map { "\(format(total / $0.1)) of \($0.0)" } } ?? "-",
            command(round.concurrency),
        ]
    }

    private func latencyRow(_ name: String, loaded: [Duration], idle: [Duration], run: EndToEndLatencyRun)
        -> [String]
    {
        let values = [0.5, 0.99].map { p in
            (EndToEndLatency.percentile(loaded, p), EndToEndLatency.percentile(idle, p))
        }
        let milliseconds = { (duration: Duration?) in
            duration.map { format(EndToEndTable.seconds($0) * 1000) } ?? "-"
        }
        let ratios = values.map { loaded, idle in
            guard let loaded, let idle, idle > .zero else { return "-" }
            return format(EndToEndTable.seconds(loaded) / EndToEndTable.seconds(idle), digits: 1)
        }
        return [
            "\(name) p50 / p99, \(run.clients) clients during the run at concurrency \(run.concurrency)",
            "\(milliseconds(values[0].0)) / \(milliseconds(values[1].0)) ms (\(count(loaded.count)) requests)",
            "same daemon idle: \(milliseconds(values[0].1)) / \(milliseconds(values[1].1)) ms",
            "\(ratios[0]) / \(ratios[1]) of idle",
            command(run.concurrency),
        ]
    }

    private func command(_ concurrency: Int) -> String {
        "`assetbench e2e --concurrency \(concurrency)`"
    }

    private func format(_ value: Double, digits: Int = 2) -> String {
        EndToEndTable.format(value, digits: digits)
    }

    /// A count with thousands separators: 10,000.
    private func count(_ value: Int) -> String {
        let digits = Array(String(value))
        return digits.enumerated().map { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? ",\(digit)" : "\(digit)"
        }.joined()
    }
}
