package import Glibc
package import Logging

/// Builds one log line per event. Pure except for ``timestamp(_:)``, whose input is given.
package enum LogLineFormatter {
    /// The syslog priority journald reads from `<N>` (sd-daemon.h): trace and debug 7, info 6, notice 5,
    /// warning 4, error 3, critical 2.
    /// - Parameter level: a swift-log level.
    /// - Returns: the priority.
    package static func priority(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    /// Formats one event as a single line ending in `\n`; newlines inside the message and values are escaped.
    /// - Parameters:
    ///   - style: journal or timestamped.
    ///   - time: the wall-clock time (ignored for the journal style).
    ///   - level: the level.
    ///   - label: the logger's label.
    ///   - message: the message.
    ///   - metadata: the merged metadata; written sorted by key as `key=value`, quoted when needed.
    /// - Returns: the line.
    package static func format(
        style: LogLineStyle,
        time: timespec,
        level: Logger.Level,
        label: String,
        message: String,
        metadata: Logger.Metadata
    ) -> String {
        var line: String
        switch style {
        case .journal: line = "<\(priority(level))>"
        case .timestamped: line = timestamp(time) + " " + level.rawValue + " "
        }
        line += label + ": " + escape(message)
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " " + key + "=" + quoteIfNeeded(render(value))
        }
        return line + "\n"
    }

    /// UTC ISO 8601 with milliseconds: `2026-11-28T07:30:00.123Z`.
    /// - Parameter time: seconds and nanoseconds since the epoch.
    /// - Returns: the text.
    package static func timestamp(_ time: timespec) -> String {
        var seconds = time.tv_sec
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
            + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
            + "." + pad(Int(time.tv_nsec) / 1_000_000, 3) + "Z"
    }

    private static func render(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let string): string
        case .stringConvertible(let convertible): convertible.description
        case .array(let values): "[" + values.map(render).joined(separator: ",") + "]"
        case .dictionary(let entries):
            "{" + entries.sorted(by: { $0.key < $1.key }).map { "\($0.key):\(render($0.value))" }.joined(separator: ",")
                + "}"
        }
    }

    /// Replaces line breaks and other control characters so that one event stays one line.
    private static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\u{" + String(scalar.value, radix: 16) + "}"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }

    /// Quotes a value that is empty or holds spaces, quotes, `=` or backslashes (`"a b"`, `"say \"hi\""`), then
    /// escapes control characters.
    private static func quoteIfNeeded(_ value: String) -> String {
        let needsQuotes = value.isEmpty || value.contains { $0 == " " || $0 == "\"" || $0 == "=" || $0 == "\\" }
        guard needsQuotes else { return escape(value) }
        var quoted = "\""
        for character in value {
            if character == "\"" || character == "\\" { quoted.append("\\") }
            quoted.append(character)
        }
        return escape(quoted + "\"")
    }
}
