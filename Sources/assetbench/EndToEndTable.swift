import Foundation

/// The result table of `assetbench e2e`: seconds per tool and the ratio to the fastest peer tool.
enum EndToEndTable {
    /// Renders `rows` (label, seconds or `nil` for a tool that did not run); the first row is ours, the others are
    /// the peers the ratio is taken against.
    static func render(_ rows: [(String, Double?)]) -> String {
        let fastestPeer = rows.dropFirst().compactMap(\.1).min()
        let width = max(8, (rows.map(\.0.count).max() ?? 0) + 2)
        var lines = [pad("tool", width) + pad("seconds", 10) + "ratio to fastest peer"]
        for (label, seconds) in rows {
            guard let seconds else {
                lines.append(pad(label, width) + pad("-", 10) + "-")
                continue
            }
            let ratio = fastestPeer.map { String(format: "%.2f", seconds / $0) } ?? "-"
            lines.append(pad(label, width) + pad(String(format: "%.3f", seconds), 10) + ratio)
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A duration in seconds.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
