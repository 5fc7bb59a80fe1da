/// A request target (`/path?query`) split into its path and its decoded query parameters.
///
/// Pure: no I/O. Query items are separated by `&`; an item without `=` is a flag (value `nil`). Names and values
/// are percent-decoded (`%XX`; a malformed escape is kept literally); `+` is left as it is.
package struct OriginTarget: Sendable, Equatable {
    /// One query item.
    package struct Parameter: Sendable, Equatable {
        /// The decoded name.
        package var name: String
        /// The decoded value, or `nil` for a bare flag such as `no-length`.
        package var value: String?

        /// Makes a parameter.
        package init(name: String, value: String?) {
            self.name = name
            self.value = value
        }
    }

    /// The decoded path, e.g. `/object`.
    package var path: String
    /// The query items in order (a name may repeat).
    package var parameters: [Parameter]

    /// Splits and decodes a request target.
    ///
    /// - Parameter target: the request target as sent on the request line (origin form).
    package init(_ target: String) {
        let bytes = Array(target.utf8)
        let queryStart = bytes.firstIndex(of: UInt8(ascii: "?"))
        let pathBytes = bytes[..<(queryStart ?? bytes.endIndex)]
        path = Self.percentDecoded(pathBytes)
        parameters = []
        guard let queryStart else {
            return
        }
        let query = bytes[(queryStart + 1)...]
        for item in query.split(separator: UInt8(ascii: "&"), omittingEmptySubsequences: true) {
            if let equals = item.firstIndex(of: UInt8(ascii: "=")) {
                parameters.append(
                    Parameter(
                        name: Self.percentDecoded(item[..<equals]),
                        value: Self.percentDecoded(item[(equals + 1)...])
                    )
                )
            } else {
                parameters.append(Parameter(name: Self.percentDecoded(item), value: nil))
            }
        }
    }

    /// The value of the first parameter called `name`, `""` for a bare flag, `nil` when absent.
    ///
    /// - Parameter name: the decoded parameter name.
    package func value(_ name: String) -> String? {
        guard let parameter = parameters.first(where: { $0.name == name }) else {
            return nil
        }
        return parameter.value ?? ""
    }

    /// Whether a parameter called `name` is present (as a flag or with any value).
    ///
    /// - Parameter name: the decoded parameter name.
    package func contains(_ name: String) -> Bool {
        parameters.contains { $0.name == name }
    }

    /// Percent-encodes `text` for use as one query value: everything except unreserved characters is escaped.
    ///
    /// - Parameter text: any string, e.g. a URL to pass as `to=`.
    /// - Returns: the encoded string.
    package static func percentEncoded(_ text: String) -> String {
        var out: [UInt8] = []
        let hex = Array("0123456789ABCDEF".utf8)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"):
                out.append(byte)
            default:
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0f)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func percentDecoded(_ bytes: ArraySlice<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%"), index + 2 < bytes.endIndex,
                let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
            {
                out.append(high << 4 | low)
                index += 3
            } else {
                out.append(byte)
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
