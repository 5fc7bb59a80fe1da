/// The WHATWG host parser for special URLs: IPv6 literals, IPv4 in every legacy notation, and domains turned
/// to ASCII.
///
/// Internationalized domains: labels are lower-cased (Unicode default case mapping), the ideographic and
/// full-width full stops become `.`, and each non-ASCII label is Punycode-encoded with the `xn--` prefix. The
/// rest of UTS #46 (NFC, compatibility mappings, the disallowed-code-point table, bidi rules) is not applied,
/// so an unusual host may serialize differently from a browser; it is never silently dropped.
enum HostParser {
    /// Why a host was rejected, for a person to read.
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// Parses the host part of a special URL (already cut from the authority; may be empty for `file`).
    static func parse(_ input: ArraySlice<Unicode.Scalar>) -> Result<String, Failure> {
        if input.first == "[" {
            guard input.last == "]", input.count >= 2 else {
                return .failure(Failure(reason: "the IPv6 address has no closing ]"))
            }
            guard let pieces = IPAddress.parseIPv6(input.dropFirst().dropLast()) else {
                return .failure(Failure(reason: "the IPv6 address is not valid"))
            }
            return .success("[" + IPAddress.serializeIPv6(pieces) + "]")
        }
        let decodedBytes = PercentEncoding.decode(input)
        let domain = String(decoding: decodedBytes, as: UTF8.self)
        let ascii: String
        switch domainToASCII(domain) {
        case .success(let value): ascii = value
        case .failure(let failure): return .failure(failure)
        }
        if let bad = ascii.unicodeScalars.first(where: isForbiddenDomainCodePoint) {
            return .failure(Failure(reason: "the host contains the forbidden character U+\(hex4(bad.value))"))
        }
        if IPAddress.endsInNumber(ascii) {
            guard let address = IPAddress.parseIPv4(ascii) else {
                return .failure(Failure(reason: "the host ends in a number but is not a valid IPv4 address"))
            }
            return .success(IPAddress.serializeIPv4(address))
        }
        return .success(ascii)
    }

    /// The longest non-ASCII label encoded (DNS allows 63 octets per label; Punycode is quadratic in the
    /// label's length, so longer labels are refused rather than encoded).
    static let maximumLabelLength = 63

    /// Lower-cases, maps the full stops and Punycode-encodes non-ASCII labels.
    static func domainToASCII(_ domain: String) -> Result<String, Failure> {
        if domain.unicodeScalars.allSatisfy(\.isASCII) {
            return .success(String(decoding: domain.utf8.map(asciiLowercased), as: UTF8.self))
        }
        if domain.unicodeScalars.contains("\u{FFFD}") {
            return .failure(Failure(reason: "the host is not valid UTF-8 once percent-decoded"))
        }
        let mapped = domain.lowercased().unicodeScalars.map { scalar -> Unicode.Scalar in
            switch scalar {
            case "\u{3002}", "\u{FF0E}", "\u{FF61}": "."
            default: scalar
            }
        }
        var labels: [String] = []
        for label in mapped.split(separator: ".", omittingEmptySubsequences: false) {
            if label.allSatisfy(\.isASCII) {
                var text = ""
                text.unicodeScalars.append(contentsOf: label)
                labels.append(text)
            } else if label.count > maximumLabelLength {
                return .failure(
                    Failure(reason: "an internationalized host label is longer than \(maximumLabelLength) characters")
                )
            } else if let encoded = Punycode.encode(Array(label)) {
                labels.append("xn--" + encoded)
            } else {
                return .failure(Failure(reason: "the internationalized host label cannot be Punycode-encoded"))
            }
        }
        return .success(labels.joined(separator: "."))
    }

    /// The forbidden domain code points: C0 controls, space, `#`, `%`, `/`, `:`, `<`, `>`, `?`, `@`, `[`, `\`,
    /// `]`, `^`, `|` and U+007F.
    static func isForbiddenDomainCodePoint(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value <= 0x20 || scalar.value == 0x7F { return true }
        return "#%/:<>?@[\\]^|".unicodeScalars.contains(scalar)
    }

    private static func asciiLowercased(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
