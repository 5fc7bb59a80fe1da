/// The duration syntax of the configuration: a number of seconds (`30`, `1.5`), or numbers with units `ms`, `s`,
/// `m`, `h`, `d`, possibly combined (`500ms`, `30s`, `5m`, `1h30m`). Negative values are refused.
package enum DurationSyntax {
    private static let nanosecondsPerUnit: [(unit: String, nanoseconds: Double)] = [
        ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9), ("d", 86400e9),
    ]
    /// The largest duration accepted: 100 years, far beyond any sensible timeout and far inside `Int64` nanoseconds.
    private static let maximumNanoseconds = 100 * 365 * 86400e9

    /// Parses a duration.
    /// - Parameter text: the text, surrounding spaces allowed.
    /// - Returns: the duration, or `nil` when the text is not in the syntax or is negative or too large.
    package static func parse(_ text: String) -> Duration? {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return nil }
        if let seconds = Double(trimmed) {
            return duration(nanoseconds: seconds * 1e9)
        }
        var total = 0.0
        var rest = Substring(trimmed)
        while !rest.isEmpty {
            let number = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            let unit = rest.prefix { $0.isASCII && $0.isLetter }
            guard let scale = nanosecondsPerUnit.first(where: { $0.unit == unit.lowercased() })?.nanoseconds else {
                return nil
            }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        return duration(nanoseconds: total)
    }

    /// Reads a JSON number as seconds.
    /// - Parameter seconds: the number.
    /// - Returns: the duration, or `nil` when negative, not finite or too large.
    package static func duration(seconds: Double) -> Duration? {
        duration(nanoseconds: seconds * 1e9)
    }

    /// Writes a duration in the shortest exact form of the syntax (`0s`, `500ms`, `30s`, `5m`, `2h`, `1500001ms`).
    /// - Parameter duration: a non-negative duration with millisecond precision.
    /// - Returns: the text; sub-millisecond parts are rounded to the millisecond.
    package static func format(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        for (unit, factor) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1000)]
        where milliseconds != 0 && milliseconds % factor == 0 {
            return "\(milliseconds / factor)\(unit)"
        }
        return milliseconds == 0 ? "0s" : "\(milliseconds)ms"
    }

    private static func duration(nanoseconds: Double) -> Duration? {
        guard nanoseconds.isFinite, nanoseconds >= 0, nanoseconds <= maximumNanoseconds else { return nil }
        return .nanoseconds(Int64(nanoseconds.rounded()))
    }
}
