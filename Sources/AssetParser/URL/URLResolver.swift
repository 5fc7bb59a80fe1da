/// Resolves URL references found in articles against a base, following the WHATWG URL standard for the
/// parts articles use, and says whether the result may be fetched.
///
/// Leading and trailing C0 controls and spaces are trimmed and tabs and newlines removed; the scheme and host
/// are lower-cased, default ports dropped, dot segments resolved, and spaces and non-ASCII characters in the
/// path, query and fragment UTF-8 percent-encoded (existing `%XX` sequences are kept). Internationalized
/// hosts are lower-cased and Punycode-encoded label by label (see `HostParser` for what of UTS #46 is left out).
public enum URLResolver {
    /// Resolves a reference against an optional base URL.
    /// - Parameters:
    ///   - reference: the URL as written in the article (HTML character references already decoded).
    ///   - base: the absolute base URL (`<base href>`, the article's URL or `--base-url`), or `nil`.
    /// - Returns: `.fetchable` for http(s) and `data:` URLs, `.notFetchable` for other schemes, and
    ///   `.unresolvable` for a relative reference without a usable base or a URL that does not parse.
    public static func resolve(_ reference: String, base: String?) -> URLResolution {
        resolve(reference, base: base, allowsFastPath: true)
    }

    /// `resolve(_:base:)`, optionally without the shortcuts of `FastURLPath` (for tests that compare both).
    package static func resolve(_ reference: String, base: String?, allowsFastPath: Bool) -> URLResolution {
        if allowsFastPath {
            if let url = FastURLPath.absolute(reference) { return .fetchable(url) }
            if let base, let url = FastURLPath.relative(reference, base: base) { return .fetchable(url) }
        }
        let input = clean(reference)
        if let (scheme, rest) = splitScheme(input) {
            let cleaned = String(String.UnicodeScalarView(input))
            switch scheme {
            case "data":
                // The scheme is lower-cased as the URL standard does (`DATA:` is `data:`); the rest stays as written.
                return .fetchable("data:" + String(String.UnicodeScalarView(rest)))
            case "http", "https":
                // Only `http:foo` (no two slashes) can be relative to a same-scheme base.
                let hasAuthority = rest.prefix(2).count == 2 && rest.prefix(2).allSatisfy(SpecialURLParser.isSlash)
                let parsedBase = hasAuthority ? nil : base.flatMap { try? parseBase($0).get() }
                switch SpecialURLParser.parseAbsolute(scheme: scheme, rest: rest, base: parsedBase) {
                case .success(let url): return .fetchable(url.serialized)
                case .failure(let failure): return .unresolvable(reason: "not a valid URL: \(failure.reason)")
                }
            default:
                return .notFetchable(cleaned, reason: notFetchedReason(scheme))
            }
        }
        guard let base else {
            return .unresolvable(reason: "a relative URL and no base URL to resolve it against")
        }
        let baseURL: SpecialURL
        switch parseBase(base) {
        case .success(let url): baseURL = url
        case .failure(let failure): return .unresolvable(reason: failure.reason)
        }
        switch SpecialURLParser.parseRelative(input[...], base: baseURL) {
        case .success(let url):
            if url.scheme == "http" || url.scheme == "https" { return .fetchable(url.serialized) }
            return .notFetchable(url.serialized, reason: notFetchedReason(url.scheme))
        case .failure(let failure):
            return .unresolvable(reason: "not a valid URL: \(failure.reason)")
        }
    }

    private static func notFetchedReason(_ scheme: String) -> String {
        "the scheme \"\(scheme)\" is not fetched (only http, https and data URLs are)"
    }

    /// Parses the base URL, which must be absolute with a hierarchical (special) scheme.
    private static func parseBase(_ base: String) -> Result<SpecialURL, SpecialURLParser.Failure> {
        let input = clean(base)
        var quoted: String { TextSnippet.quoted(base) }
        guard let (scheme, rest) = splitScheme(input) else {
            return .failure(SpecialURLParser.Failure(reason: "the base URL \(quoted) is not absolute"))
        }
        guard SpecialURL.defaultPorts[scheme] != nil else {
            return .failure(
                SpecialURLParser.Failure(reason: "the base URL \(quoted) has the non-hierarchical scheme \"\(scheme)\"")
            )
        }
        switch SpecialURLParser.parseAbsolute(scheme: scheme, rest: rest, base: nil) {
        case .success(let url): return .success(url)
        case .failure(let failure):
            return .failure(SpecialURLParser.Failure(reason: "the base URL \(quoted) is not valid: \(failure.reason)"))
        }
    }

    /// Trims leading and trailing C0 controls and spaces, and removes every tab, LF and CR.
    static func clean(_ text: String) -> [Unicode.Scalar] {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.firstIndex(where: { $0.value > 0x20 }),
            let last = scalars.lastIndex(where: { $0.value > 0x20 })
        else { return [] }
        return scalars[first...last].filter { $0 != "\t" && $0 != "\n" && $0 != "\r" }
    }

    /// Splits `scheme:rest` when the input starts with a valid scheme (ASCII letter, then letters, digits,
    /// `+`, `-`, `.`); the scheme comes back lower-cased.
    static func splitScheme(_ input: [Unicode.Scalar]) -> (String, ArraySlice<Unicode.Scalar>)? {
        guard let first = input.first, isASCIIAlpha(first)
        else { return nil }
        var index = 1
        while index < input.count {
            let scalar = input[index]
            if scalar == ":" {
                let scheme = String(String.UnicodeScalarView(input[0..<index])).lowercased()
                return (scheme, input[(index + 1)...])
            }
            guard
                isASCIIAlpha(scalar) || (scalar.value >= 0x30 && scalar.value <= 0x39) || scalar == "+"
                    || scalar == "-" || scalar == "."
            else { return nil }
            index += 1
        }
        return nil
    }

    private static func isASCIIAlpha(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value >= 0x41 && scalar.value <= 0x5A) || (scalar.value >= 0x61 && scalar.value <= 0x7A)
    }
}
