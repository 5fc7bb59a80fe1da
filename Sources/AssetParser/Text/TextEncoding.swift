/// The character encodings an article may declare that the parser decodes (all ASCII-compatible, so markup can be
/// tokenized on bytes before the encoding is known).
package enum TextEncoding: Sendable, Hashable {
    case utf8
    case windows1251
    case koi8R
    /// Also what the WHATWG Encoding Standard maps every latin-1/iso-8859-1/ascii label to.
    case windows1252

    /// The WHATWG name of the encoding, as reported in results.
    package var name: String {
        switch self {
        case .utf8: "utf-8"
        case .windows1251: "windows-1251"
        case .koi8R: "koi8-r"
        case .windows1252: "windows-1252"
        }
    }

    /// Looks up an encoding label as the WHATWG Encoding Standard does (ASCII whitespace trimmed, case-insensitive),
    /// restricted to the encodings we decode. UTF-16 labels map to UTF-8, as a `<meta>` declaring UTF-16 does.
    /// - Parameter label: the label as written.
    /// - Returns: the encoding, or `nil` for an unknown or unsupported label.
    package init?(label: String) {
        let trimmed = label.trimmingASCIIWhitespace().lowercased()
        switch trimmed {
        case "unicode-1-1-utf-8", "unicode11utf8", "unicode20utf8", "utf-8", "utf8", "x-unicode20utf8",
            "utf-16", "utf-16le", "utf-16be", "unicodefffe", "unicode", "ucs-2", "iso-10646-ucs-2", "csunicode",
            "unicodefeff":
            self = .utf8
        case "cp1251", "windows-1251", "x-cp1251":
            self = .windows1251
        case "cskoi8r", "koi", "koi8", "koi8-r", "koi8_r":
            self = .koi8R
        case "ansi_x3.4-1968", "ascii", "cp1252", "cp819", "csisolatin1", "ibm819", "iso-8859-1", "iso-ir-100",
            "iso8859-1", "iso88591", "iso_8859-1", "iso_8859-1:1987", "l1", "latin1", "us-ascii", "windows-1252",
            "x-cp1252", "x-user-defined":
            self = .windows1252
        default:
            return nil
        }
    }

    /// Decodes bytes in this encoding; invalid UTF-8 sequences become U+FFFD.
    /// - Parameter bytes: the encoded bytes.
    /// - Returns: the decoded text.
    func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let table: [UInt16]
        switch self {
        case .utf8: return String(decoding: bytes, as: UTF8.self)
        case .windows1251: table = SingleByteEncodingTables.windows1251
        case .koi8R: table = SingleByteEncodingTables.koi8R
        case .windows1252: table = SingleByteEncodingTables.windows1252
        }
        var scalars = String.UnicodeScalarView()
        for byte in bytes {
            let value = byte < 0x80 ? UInt32(byte) : UInt32(table[Int(byte) - 0x80])
            scalars.append(Unicode.Scalar(value) ?? "\u{FFFD}")
        }
        return String(scalars)
    }

    /// Decodes bytes in this encoding; invalid UTF-8 sequences become U+FFFD.
    /// - Parameter bytes: the encoded bytes.
    /// - Returns: the decoded text.
    package func decode(_ bytes: ArraySlice<UInt8>) -> String {
        bytes.withUnsafeBufferPointer { decode($0) }
    }
}

extension String {
    /// The string without leading and trailing ASCII whitespace (tab, LF, FF, CR, space).
    func trimmingASCIIWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        guard let last = scalars.lastIndex(where: { !$0.isASCIIWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

extension Unicode.Scalar {
    /// Whether this is ASCII whitespace as HTML defines it: tab, LF, FF, CR or space.
    var isASCIIWhitespace: Bool {
        switch value {
        case 0x09, 0x0A, 0x0C, 0x0D, 0x20: true
        default: false
        }
    }
}
