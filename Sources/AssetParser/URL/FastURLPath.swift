/// Shortcuts for the URLs articles are mostly made of: plain ASCII `http(s)://host/path` URLs that are already
/// in normal form, and plain relative paths against such a base. Anything unusual (upper case, ports,
/// credentials, IP addresses, dot segments, backslashes, characters that need percent-encoding, whitespace)
/// returns `nil` and takes the full parser, which gives the same answer for what the shortcuts accept.
package enum FastURLPath {
    /// The serialized form of an absolute http(s) URL that is already normalized (except perhaps a missing
    /// `/` path), or `nil` when the full parser must decide.
    package static func absolute(_ reference: String) -> String? {
        let result: String?? = reference.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            guard let authorityEnd = checkAbsolute(bytes) else { return nil }
            if authorityEnd == bytes.count || bytes[authorityEnd] != slash {
                var output = reference
                output.insert("/", at: String.Index(utf16Offset: authorityEnd, in: reference))
                return output
            }
            return reference
        }
        return result.flatMap { $0 }
    }

    /// The resolution of a plain relative reference (a path, possibly after leading `./` and `../` steps,
    /// `/path`, `?query` or `#fragment`, with nothing to normalize) against a base the shortcut accepts, or `nil`.
    package static func relative(_ reference: String, base: String) -> String? {
        guard let base = absolute(base), !reference.isEmpty else { return nil }
        let bytes = Array(reference.utf8)
        guard !bytes.contains(UInt8(ascii: ":")) else { return nil }
        if bytes[0] == slash, bytes.count > 1, bytes[1] == slash { return nil }
        var start = 0
        var parentSteps = 0
        while true {
            if bytes[start...].starts(with: "./".utf8) {
                start += 2
            } else if bytes[start...].starts(with: "../".utf8) {
                start += 3
                parentSteps += 1
            } else {
                break
            }
        }
        let isPlain = bytes.withUnsafeBufferPointer { checkComponents($0, from: start, afterSlash: true) }
        guard isPlain else { return nil }
        let baseBytes = Array(base.utf8)
        let schemeEnd = baseBytes[4] == UInt8(ascii: "s") ? 8 : 7
        let authorityEnd = baseBytes[schemeEnd...].firstIndex(of: slash) ?? baseBytes.endIndex
        let fragmentStart = baseBytes.firstIndex(of: UInt8(ascii: "#")) ?? baseBytes.endIndex
        let queryStart = baseBytes[..<fragmentStart].firstIndex(of: UInt8(ascii: "?")) ?? fragmentStart
        let keep: Int
        switch bytes[start...].first {
        case slash? where start == 0: keep = authorityEnd
        case UInt8(ascii: "?")? where start == 0: keep = queryStart
        case UInt8(ascii: "#")? where start == 0: keep = fragmentStart
        default:
            var directoryEnd = baseBytes[authorityEnd..<queryStart].lastIndex(of: slash) ?? authorityEnd
            for _ in 0..<parentSteps where directoryEnd > authorityEnd {
                directoryEnd = baseBytes[authorityEnd..<directoryEnd].lastIndex(of: slash) ?? authorityEnd
            }
            keep = directoryEnd + 1
        }
        return String(decoding: baseBytes[..<keep], as: UTF8.self) + String(decoding: bytes[start...], as: UTF8.self)
    }

    private static let slash = UInt8(ascii: "/")

    /// Checks an absolute URL; returns where its authority ends.
    private static func checkAbsolute(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let schemeEnd: Int
        if startsWith(bytes, "https://") {
            schemeEnd = 8
        } else if startsWith(bytes, "http://") {
            schemeEnd = 7
        } else {
            return nil
        }
        var index = schemeEnd
        var lastLabelStart = schemeEnd
        while index < bytes.count {
            let byte = bytes[index]
            if byte == slash || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") { break }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
                break
            case UInt8(ascii: "."):
                if index + 1 < bytes.count, bytes[index + 1] != slash { lastLabelStart = index + 1 }
            default:
                return nil
            }
            index += 1
        }
        // An empty host, or one whose last label starts with a digit (possibly IPv4), takes the full parser.
        guard index > schemeEnd, lastLabelStart < index else { return nil }
        let lastLabelFirst = bytes[lastLabelStart]
        guard lastLabelFirst != UInt8(ascii: "."), !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(lastLabelFirst)
        else { return nil }
        guard checkComponents(bytes, from: index, afterSlash: false) else { return nil }
        return index
    }

    private enum Component { case path, query, fragment }

    /// Whether path, query and fragment from `start` need no change: printable ASCII only, nothing the
    /// component's percent-encode set holds, no backslash, no dot segment.
    private static func checkComponents(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, afterSlash: Bool) -> Bool
    {
        var component = Component.path
        var previousIsSlash = afterSlash
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            guard byte > 0x20, byte < 0x7F, byte != UInt8(ascii: "\\"), byte != UInt8(ascii: "\""),
                byte != UInt8(ascii: "<"), byte != UInt8(ascii: ">")
            else { return false }
            switch component {
            case .path:
                switch byte {
                case UInt8(ascii: "?"): component = .query
                case UInt8(ascii: "#"): component = .fragment
                case UInt8(ascii: "`"), UInt8(ascii: "{"), UInt8(ascii: "}"): return false
                case UInt8(ascii: "."):
                    if previousIsSlash { return false }
                case UInt8(ascii: "%"):
                    if index + 2 < bytes.count, bytes[index + 1] == UInt8(ascii: "2"),
                        bytes[index + 2] | 0x20 == UInt8(ascii: "e")
                    {
                        return false
                    }
                default: break
                }
            case .query:
                if byte == UInt8(ascii: "'") { return false }
                if byte == UInt8(ascii: "#") { component = .fragment }
            case .fragment:
                if byte == UInt8(ascii: "`") { return false }
            }
            previousIsSlash = byte == slash
            index += 1
        }
        return true
    }

    private static func startsWith(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard bytes.count >= prefix.utf8CodeUnitCount else { return false }
        let prefixBytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return zip(bytes, prefixBytes).allSatisfy { $0 == $1 }
    }
}
