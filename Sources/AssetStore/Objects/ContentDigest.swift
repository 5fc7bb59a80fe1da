/// The SHA-256 digest that names an object: 64 lowercase hexadecimal digits.
///
/// Parsing is strict (exactly 64 characters from `0-9a-f`), so a digest can be put into a path without further
/// checks: it never contains `/`, `.` or upper case.
package struct ContentDigest: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The 64 lowercase hexadecimal digits.
    package let hex: String

    /// Parses 64 lowercase hexadecimal digits.
    /// - Parameter hex: The text to parse; anything else (upper case, whitespace, other length) gives nil.
    package init?(hex: some StringProtocol) {
        guard hex.utf8.count == 64, hex.utf8.allSatisfy(ContentDigest.isLowerHexDigit) else {
            return nil
        }
        self.hex = String(hex)
    }

    /// Parses 64 lowercase hexadecimal digits or throws.
    /// - Parameter text: The text to parse.
    /// - Returns: The digest.
    /// - Throws: `StoreError` with code `invalidDigest`.
    package static func parse(_ text: some StringProtocol) throws(StoreError) -> ContentDigest {
        guard let digest = ContentDigest(hex: text) else {
            throw StoreError(.invalidDigest, "not a SHA-256 digest (64 lowercase hex digits): \"\(text.prefix(80))\"")
        }
        return digest
    }

    /// Makes the digest from the 32 bytes of a SHA-256 result.
    /// - Parameter bytes: The digest bytes; must be 32 of them.
    package init(bytes: some Sequence<UInt8>) {
        let table = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in bytes {
            text.append(table[Int(byte >> 4)])
            text.append(table[Int(byte & 0x0f)])
        }
        precondition(text.count == 64, "a SHA-256 digest has 32 bytes")
        self.hex = String(decoding: text, as: UTF8.self)
    }

    /// The first two hexadecimal digits, which name the shard directory.
    package var shard: String {
        String(hex.prefix(2))
    }

    /// `sha256:` followed by the hex digits.
    package var description: String {
        "sha256:\(hex)"
    }

    package static func < (lhs: ContentDigest, rhs: ContentDigest) -> Bool {
        lhs.hex < rhs.hex
    }

    private static func isLowerHexDigit(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
    }
}
