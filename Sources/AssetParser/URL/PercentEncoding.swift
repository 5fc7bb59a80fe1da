/// The WHATWG percent-encode sets and UTF-8 percent-encoding used by the URL serializer.
enum PercentEncodeSet {
    /// C0 controls, space, `"`, `<`, `>` and `` ` `` (plus everything above U+007E).
    case fragment
    /// C0 controls, space, `"`, `#`, `<`, `>` and `'` (the special-query set).
    case specialQuery
    /// The query set plus `?`, `` ` ``, `{`, `}`.
    case path
    /// The path set plus `/`, `:`, `;`, `=`, `@`, `[`, `\`, `]`, `^`, `|`.
    case userinfo

    /// Whether the ASCII byte must be written as `%XX` in this set (bytes above 0x7E always are).
    func contains(_ byte: UInt8) -> Bool {
        if byte < 0x21 || byte > 0x7E { return true }
        switch self {
        case .fragment:
            return byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "<") || byte == UInt8(ascii: ">")
                || byte == UInt8(ascii: "`")
        case .specialQuery:
            return Self.isQueryByte(byte) || byte == UInt8(ascii: "'")
        case .path:
            return Self.isPathByte(byte)
        case .userinfo:
            return Self.isPathByte(byte) || "/:;=@[\\]^|".utf8.contains(byte)
        }
    }

    private static func isQueryByte(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "<")
            || byte == UInt8(ascii: ">")
    }

    private static func isPathByte(_ byte: UInt8) -> Bool {
        isQueryByte(byte) || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "`") || byte == UInt8(ascii: "{")
            || byte == UInt8(ascii: "}")
    }
}

/// UTF-8 percent-encoding and percent-decoding as the WHATWG URL standard defines them.
enum PercentEncoding {
    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Appends `scalar` to `output`, UTF-8 percent-encoded when the set says so. An existing `%` is kept.
    static func append(_ scalar: Unicode.Scalar, to output: inout [UInt8], set: PercentEncodeSet) {
        for byte in scalar.utf8 {
            if set.contains(byte) {
                output.append(UInt8(ascii: "%"))
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            } else {
                output.append(byte)
            }
        }
    }

    /// Encodes a run of scalars into a string with the given set.
    static func encode(_ scalars: some Sequence<Unicode.Scalar>, set: PercentEncodeSet) -> String {
        var output: [UInt8] = []
        for scalar in scalars { append(scalar, to: &output, set: set) }
        return String(decoding: output, as: UTF8.self)
    }

    /// Percent-decodes to bytes: `%XX` with two hex digits becomes the byte, anything else is kept.
    static func decode(_ text: some Sequence<Unicode.Scalar>) -> [UInt8] {
        var bytes: [UInt8] = []
        for scalar in text { bytes.append(contentsOf: scalar.utf8) }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }

    /// The value of an ASCII hex digit, or `nil`.
    static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return byte - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
