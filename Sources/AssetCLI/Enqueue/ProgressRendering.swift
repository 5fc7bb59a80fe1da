import AssetAPI

/// The text `enqueue --wait` prints: the redrawn bar on a terminal, one line per finished asset otherwise, and the
/// closing summary (pure).
package enum ProgressRendering {
    /// The bar's width in cells.
    package static let barWidth = 24

    /// `[#########---------------]  12/300 assets  4.2 MiB  1.1 MiB/s  2 failed  0m12s`
    package static func bar(_ progress: EnqueueProgress, elapsedSeconds: Double) -> String {
        let fraction = progress.total == 0 ? 1 : Double(progress.done) / Double(progress.total)
        let filled = min(barWidth, max(0, Int((fraction * Double(barWidth)).rounded(.down))))
        var line = "[" + String(repeating: "#", count: filled) + String(repeating: "-", count: barWidth - filled) + "]"
        line += "  \(progress.done)/\(progress.total) assets"
        line += "  \(ByteFormat.bytes(progress.bytes))"
        line += "  \(ByteFormat.rate(rate(progress, elapsedSeconds: elapsedSeconds)))"
        if progress.failed > 0 {
            line += "  \(progress.failed) failed"
        }
        line += "  \(ByteFormat.duration(seconds: elapsedSeconds))"
        return line
    }

    /// One line for an asset that reached a final state: `cached  1.2 MiB  URL` or `failed  URL: reason`.
    package static func line(_ change: EnqueueProgress.Change) -> String {
        switch change {
        case .cached(let url, let byteCount):
            "cached  \(byteCount.map(ByteFormat.bytes) ?? "-")  \(url)"
        case .failed(let failure):
            "failed  \(failure.url): \(failure.reason)"
        }
    }

    /// The closing lines: totals, then one line per failure.
    /// `300 assets: 298 cached (45.2 MiB), 2 failed in 1m03s (1.1 MiB/s)`
    package static func summary(_ progress: EnqueueProgress, elapsedSeconds: Double) -> String {
        var text = "\(progress.total) asset\(progress.total == 1 ? "" : "s"): \(progress.cached) cached"
        text += " (\(ByteFormat.bytes(progress.bytes)))"
        text += ", \(progress.failed) failed"
        text += " in \(ByteFormat.duration(seconds: elapsedSeconds))"
        if progress.transferredBytes > 0 {
            text += " (\(ByteFormat.rate(rate(progress, elapsedSeconds: elapsedSeconds))))"
        }
        text += "\n"
        for failure in progress.failures {
            text += line(.failed(failure)) + "\n"
        }
        return text
    }

    /// Bytes that arrived while waiting, per second.
    package static func rate(_ progress: EnqueueProgress, elapsedSeconds: Double) -> Double {
        elapsedSeconds > 0 ? Double(progress.transferredBytes) / elapsedSeconds : 0
    }
}
