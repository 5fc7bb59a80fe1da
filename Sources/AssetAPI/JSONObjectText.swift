package import FoundationEssentials

/// Writes one JSON object by hand, for the documents the daemon sends by the thousand (asset events), where
/// `JSONEncoder` costs more than the rest of the event's path.
///
/// The text is what ``APIJSON/encode(_:)`` gives for the same value: the caller adds members in sorted key order,
/// `nil` is `null`, slashes are not escaped, dates are ISO 8601 in whole seconds (UTC).
package struct JSONObjectText {
    private var text = "{"
    private var isEmpty = true

    package init() {}

    /// The finished object.
    package var finished: String { text + "}" }

    /// Adds a string member, or `null`.
    package mutating func add(_ key: String, _ value: String?) {
        beginMember(key)
        guard let value else { return text += "null" }
        Self.appendQuoted(value, to: &text)
    }

    /// `value` as a JSON string literal, escaped as `JSONEncoder` escapes it.
    package static func quoted(_ value: String) -> String {
        var text = ""
        appendQuoted(value, to: &text)
        return text
    }

    /// Adds an integer member, or `null`.
    package mutating func add(_ key: String, _ value: Int64?) {
        beginMember(key)
        text += value.map { String($0) } ?? "null"
    }

    /// Adds an array of integers.
    package mutating func add(_ key: String, _ values: [Int64]) {
        beginMember(key)
        text += "["
        for (index, value) in values.enumerated() {
            if index > 0 { text += "," }
            text += String(value)
        }
        text += "]"
    }

    /// Adds a date member in ISO 8601 (`2026-11-28T12:00:00Z`), or `null`.
    package mutating func add(_ key: String, _ value: Date?) {
        beginMember(key)
        text += value.map { "\"\($0.formatted(Date.ISO8601FormatStyle()))\"" } ?? "null"
    }

    /// Adds a member whose value is an object written by another `JSONObjectText`, or `null`.
    package mutating func add(_ key: String, _ value: JSONObjectText?) {
        beginMember(key)
        text += value?.finished ?? "null"
    }

    private mutating func beginMember(_ key: String) {
        text += isEmpty ? "\"" : ",\""
        isEmpty = false
        text += key
        text += "\":"
    }

    /// Appends `value` as a JSON string: quotes, backslashes and control characters escaped, nothing else.
    private static func appendQuoted(_ value: String, to text: inout String) {
        text += "\""
        let bytes = value.utf8
        guard bytes.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            text += value
            return text += "\""
        }
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}
