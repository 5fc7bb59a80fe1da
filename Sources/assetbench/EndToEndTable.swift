import Foundation

/// The text tables of `assetbench e2e`: columns padded to their widest cell, figures as seconds and ratios.
enum EndToEndTable {
    /// One round: every tool's seconds, ratio to the fastest peer, CPU seconds and CPU seconds per 1,000 assets.
    ///
    /// - Parameters:
    ///   - round: the measurements; assetd's CPU is the daemon's plus `assetctl`'s.
    ///   - assetCount: the assets (files) each tool fetched.
    static func render(_ round: EndToEndRound, assetCount: Int) -> String {
        let fastest = round.fastestPeer?.seconds
        var rows = [["tool", "seconds", "ratio to fastest peer", "CPU s", "CPU s per 1,000"]]
        for measurement in [round.assetd] + round.peers {
            guard let seconds = measurement.seconds else {
                rows.append([measurement.label, "-", "-", "-", "-"])
                continue
            }
            rows.append([
                measurement.label,
                format(seconds, digits: 3),
                fastest.map { format(seconds / $0) } ?? "-",
                measurement.cpuSeconds.map { format($0) } ?? "-",
                measurement.cpuSeconds.map { format($0 * 1000 / Double(max(1, assetCount)), digits: 3) } ?? "-",
            ])
        }
        return columns(rows)
    }

    /// Every round in one table: one line per concurrency, seconds per tool, and assetd ÷ the fastest peer.
    static func renderMatrix(_ rounds: [EndToEndRound]) -> String {
        let tools = rounds.first.map { $0.peers.map(\.tool) } ?? []
        var rows = [["concurrency", "assetd s"] + tools.map { "\($0) s" } + ["fastest peer", "assetd ÷ fastest"]]
        for round in rounds {
            let fastest = round.fastestPeer
            var row = ["\(round.concurrency)", round.assetd.seconds.map { format($0) } ?? "-"]
            row += round.peers.map { $0.seconds.map { format($0) } ?? "-" }
            row.append(fastest?.tool ?? "-")
            if let ours = round.assetd.seconds, let theirs = fastest?.seconds {
                row.append(format(ours / theirs))
            } else {
                row.append("-")
            }
            rows.append(row)
        }
        return columns(rows)
    }

    /// Rows of cells as left-aligned columns two spaces apart, with a trailing newline.
    static func columns(_ rows: [[String]]) -> String {
        let count = rows.map(\.count).max() ?? 0
        let widths = (0..<count).map { column in
            rows.map { column < $0.count ? $0[column].count : 0 }.max() ?? 0
        }
        let lines = rows.map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[column] - cell.count + 2)
            }
            .joined()
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A number with `digits` decimals.
    static func format(_ value: Double, digits: Int = 2) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }
}
