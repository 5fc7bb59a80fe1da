package import AssetAPI

/// The one-line `STATUS=` text shown by `systemctl status assetd`, made from the status document. Pure.
package enum StatusLine {
    /// Summarizes the daemon's state: `3 queued, 2 fetching, 12 cached, 1 failed; 1.2GiB of 10GiB; 350KiB/s`.
    /// States with no assets are left out (an empty daemon says `no assets`); the rate is shown while transfers run.
    /// - Parameter status: the current status document.
    /// - Returns: the line, without newlines.
    package static func make(from status: StatusDocument) -> String {
        let counts = AssetState.allCases.compactMap { state in
            status.assets[state] > 0 ? "\(status.assets[state]) \(state.rawValue)" : nil
        }
        var parts = [counts.isEmpty ? "no assets" : counts.joined(separator: ", ")]
        parts.append("\(humanBytes(status.bytes)) of \(humanBytes(status.cacheLimitBytes))")
        if status.activeTransfers > 0 {
            parts.append("\(humanBytes(Int64(status.transferRate.rounded())))/s")
        }
        return parts.joined(separator: "; ")
    }

    /// A byte count in binary units with one decimal below 10 (`0B`, `512B`, `1.5KiB`, `12MiB`, `10GiB`).
    /// - Parameter bytes: a byte count (negative counts show as 0B).
    /// - Returns: the text.
    package static func humanBytes(_ bytes: Int64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"]
        var value = Double(max(0, bytes))
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        if unit == 0 { return "\(Int64(value))B" }
        let tenths = (value * 10).rounded()
        if tenths < 100 && tenths.truncatingRemainder(dividingBy: 10) != 0 {
            return "\(Int64(tenths) / 10).\(Int64(tenths) % 10)\(units[unit])"
        }
        return "\(Int64(value.rounded()))\(units[unit])"
    }
}
