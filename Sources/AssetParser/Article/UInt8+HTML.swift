/// Byte classification for ASCII-compatible markup.
extension UInt8 {
    /// Whether the byte is HTML whitespace: tab, LF, FF, CR or space.
    @inline(__always)
    var isHTMLWhitespace: Bool {
        self == 0x20 || (self >= 0x09 && self <= 0x0D && self != 0x0B)
    }

    /// Whether the byte is an ASCII letter.
    @inline(__always)
    var isASCIILetter: Bool {
        (self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A
    }

    /// The byte with ASCII upper-case letters lowered.
    @inline(__always)
    var asciiLowercased: UInt8 {
        self >= 0x41 && self <= 0x5A ? self | 0x20 : self
    }

    /// Whether the byte is an ASCII digit.
    @inline(__always)
    var isASCIIDigit: Bool {
        self >= 0x30 && self <= 0x39
    }

    /// Whether the byte is an ASCII letter or digit.
    @inline(__always)
    var isASCIIAlphanumeric: Bool {
        (self >= 0x30 && self <= 0x39) || ((self | 0x20) >= 0x61 && (self | 0x20) <= 0x7A)
    }
}
