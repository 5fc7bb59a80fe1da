/// One `name=value` pair of a URL query, with the percent-encoding both sides of the API use.
package struct APIQueryItem: Sendable, Hashable, CustomStringConvertible {
    /// The decoded name.
    package var name: String
    /// The decoded value.
    package var value: String

    /// Creates a query item.
    /// - Parameters:
    ///   - name: the decoded name.
    ///   - value: the decoded value.
    package init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }

    package var description: String { "\(name)=\(value)" }

    /// Encodes items as `a=1&b=2`, percent-encoding every byte outside RFC 3986's unreserved set.
    /// - Parameter items: the items, in order.
    /// - Returns: the query string without a leading `?`.
    package static func encode(_ items: [APIQueryItem]) -> String {
        items.map { percentEncode($0.name) + "=" + percentEncode($0.value) }.joined(separator: "&")
    }

    /// Decodes a query string (without the leading `?`); `+` is read as a space, bad escapes are kept literally.
    /// - Parameter query: the raw query string.
    /// - Returns: the items in order; an item without `=` has an empty value.
    package static func decode(_ query: String) -> [APIQueryItem] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let value = parts.count > 1 ? percentDecode(parts[1]) : ""
            return APIQueryItem(percentDecode(parts[0]), value)
        }
    }

    /// Percent-encodes every UTF-8 byte that is not an RFC 3986 unreserved character.
    /// - Parameter text: the text to encode.
    /// - Returns: the encoded text, with uppercase hex digits.
    package static func percentEncode(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
            UInt8(ascii: "~"):
            true
        default:
            false
        }
    }

    private static func percentDecode(_ text: Substring) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.count,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte == UInt8(ascii: "+") ? UInt8(ascii: " ") : byte)
                index += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
