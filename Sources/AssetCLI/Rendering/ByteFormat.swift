/// Human-readable sizes, rates and durations for tables and progress lines (binary units, one decimal).
package enum ByteFormat {
    private static let units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]

    /// `0 B`, `999 B`, `1.5 KiB`, `12.0 MiB`: bytes below 1024 exactly, larger counts with one decimal.
    package static func bytes(_ count: Int64) -> String {
        guard count >= 1024 || count <= -1024 else {
            return "\(count) B"
        }
        var value = Double(count.magnitude)
        var unit = 0
        while value >= 1024 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        // Rounding may carry into the next unit (1023.96 KiB → 1024.0 KiB): show 1.0 MiB instead.
        if (value * 10).rounded() >= 10240 && unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return (count < 0 ? "-" : "") + oneDecimal(value) + " " + units[unit]
    }

    /// A transfer rate: `bytes(_:)` per second; `0 B/s` for a rate that is not a positive finite number.
    package static func rate(_ bytesPerSecond: Double) -> String {
        guard bytesPerSecond.isFinite, bytesPerSecond > 0 else {
            return "0 B/s"
        }
        return bytes(Int64(min(bytesPerSecond, Double(Int64.max / 2)).rounded())) + "/s"
    }

    /// A duration in whole seconds: `42s`, `3m07s`, `2h05m09s`, `3d04h10m`.
    package static func duration(seconds: Double) -> String {
        guard seconds.isFinite, seconds > 0 else {
            return "0s"
        }
        let total = Int64(min(seconds, 1e15))
        let days = total / 86_400
        let hours = total % 86_400 / 3600
        let minutes = total % 3600 / 60
        let secs = total % 60
        if days > 0 {
            return "\(days)d\(twoDigits(hours))h\(twoDigits(minutes))m"
        }
        if hours > 0 {
            return "\(hours)h\(twoDigits(minutes))m\(twoDigits(secs))s"
        }
        if minutes > 0 {
            return "\(minutes)m\(twoDigits(secs))s"
        }
        return "\(secs)s"
    }

    private static func oneDecimal(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    private static func twoDigits(_ value: Int64) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }
}
