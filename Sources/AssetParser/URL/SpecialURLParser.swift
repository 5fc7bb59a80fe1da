/// The part of the WHATWG basic URL parser that handles special schemes: authority, host, port, path with
/// dot segments, query and fragment, absolute or relative to a base.
enum SpecialURLParser {
    typealias Scalars = ArraySlice<Unicode.Scalar>

    /// Why parsing failed, for a person to read.
    struct Failure: Error, Equatable {
        var reason: String
    }

    /// Parses what follows `scheme:` in an absolute URL with a special scheme.
    static func parseAbsolute(scheme: String, rest: Scalars, base: SpecialURL?) -> Result<SpecialURL, Failure> {
        var url = SpecialURL(scheme: scheme)
        if scheme == "file" {
            // "file state": `file://host/path` or a path with an empty host.
            if rest.prefix(2).count == 2, rest.prefix(2).allSatisfy(isSlash) {
                return parseAuthorityAndRest(rest.dropFirst(2), into: &url)
            }
            parsePathQueryFragment(rest, into: &url, fromPathStart: true)
            return .success(url)
        }
        if let base, base.scheme == scheme {
            // "special relative or authority state": `http:foo` is relative to an http base.
            return parseRelative(rest, base: base)
        }
        return parseAuthorityAndRest(rest.drop(while: isSlash), into: &url)
    }

    /// Parses a reference without a scheme against a base with a special scheme.
    static func parseRelative(_ input: Scalars, base: SpecialURL) -> Result<SpecialURL, Failure> {
        var url = SpecialURL(scheme: base.scheme)
        if let first = input.first, isSlash(first) {
            if let second = input.dropFirst().first, isSlash(second) {
                return parseAuthorityAndRest(input.drop(while: isSlash), into: &url)
            }
            url.username = base.username
            url.password = base.password
            url.host = base.host
            url.port = base.port
            parsePathQueryFragment(input.dropFirst(), into: &url)
            return .success(url)
        }
        url.username = base.username
        url.password = base.password
        url.host = base.host
        url.port = base.port
        url.path = base.path
        switch input.first {
        case nil:
            url.query = base.query
        case "?":
            parsePathQueryFragment(input, into: &url, pathDone: true)
        case "#":
            url.query = base.query
            url.fragment = PercentEncoding.encode(input.dropFirst(), set: .fragment)
        default:
            if !url.path.isEmpty { url.path.removeLast() }
            parsePathQueryFragment(input, into: &url)
        }
        return .success(url)
    }

    /// Backslash counts as a slash in special URLs.
    static func isSlash(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "/" || scalar == "\\"
    }

    private static func parseAuthorityAndRest(_ input: Scalars, into url: inout SpecialURL) -> Result<
        SpecialURL, Failure
    > {
        let authorityEnd = input.firstIndex { isSlash($0) || $0 == "?" || $0 == "#" } ?? input.endIndex
        var authority = input[input.startIndex..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            let userinfo = authority[authority.startIndex..<at]
            if let colon = userinfo.firstIndex(of: ":") {
                url.username = PercentEncoding.encode(userinfo[userinfo.startIndex..<colon], set: .userinfo)
                url.password = PercentEncoding.encode(userinfo[(colon + 1)...], set: .userinfo)
            } else {
                url.username = PercentEncoding.encode(userinfo, set: .userinfo)
            }
            authority = authority[(at + 1)...]
            if authority.isEmpty { return .failure(Failure(reason: "the URL has credentials but no host")) }
        }
        var hostPart = authority
        var portPart: Scalars?
        var insideBrackets = false
        for index in authority.indices {
            if authority[index] == "[" { insideBrackets = true }
            if authority[index] == "]" { insideBrackets = false }
            if authority[index] == ":", !insideBrackets {
                hostPart = authority[authority.startIndex..<index]
                portPart = authority[(index + 1)...]
                break
            }
        }
        if hostPart.isEmpty, url.scheme != "file" {
            return .failure(Failure(reason: "the URL has no host"))
        }
        switch HostParser.parse(hostPart) {
        case .success(let host): url.host = host
        case .failure(let failure): return .failure(Failure(reason: failure.reason))
        }
        if url.scheme == "file", url.host == "localhost" { url.host = "" }
        if let portPart, !portPart.isEmpty {
            guard portPart.allSatisfy({ $0.value >= 0x30 && $0.value <= 0x39 }) else {
                return .failure(Failure(reason: "the port is not a number"))
            }
            let digits = portPart.drop { $0 == "0" }
            guard digits.count <= 5, let port = digits.isEmpty ? 0 : Int(String(String.UnicodeScalarView(digits))),
                port <= 65535
            else {
                return .failure(Failure(reason: "the port is larger than 65535"))
            }
            url.port = SpecialURL.defaultPorts[url.scheme] == .some(port) ? nil : port
        }
        parsePathQueryFragment(input[authorityEnd...], into: &url, fromPathStart: true)
        return .success(url)
    }

    /// The path, query and fragment states. `fromPathStart` drops the one slash that starts the path.
    private static func parsePathQueryFragment(
        _ input: Scalars,
        into url: inout SpecialURL,
        pathDone: Bool = false,
        fromPathStart: Bool = false
    ) {
        var rest = input
        if fromPathStart {
            url.path = []
            if let first = rest.first, isSlash(first) { rest = rest.dropFirst() }
        }
        if !pathDone {
            let pathEnd = rest.firstIndex { $0 == "?" || $0 == "#" } ?? rest.endIndex
            let pathText = rest[rest.startIndex..<pathEnd]
            var segmentStart = pathText.startIndex
            while true {
                let segmentEnd = pathText[segmentStart...].firstIndex(where: isSlash) ?? pathText.endIndex
                let isLast = segmentEnd == pathText.endIndex
                let segment = PercentEncoding.encode(pathText[segmentStart..<segmentEnd], set: .path)
                if isDoubleDot(segment) {
                    if !url.path.isEmpty { url.path.removeLast() }
                    if isLast { url.path.append("") }
                } else if isSingleDot(segment) {
                    if isLast { url.path.append("") }
                } else {
                    url.path.append(segment)
                }
                if isLast { break }
                segmentStart = segmentEnd + 1
            }
            rest = rest[pathEnd...]
        }
        if rest.first == "?" {
            let queryEnd = rest.firstIndex(of: "#") ?? rest.endIndex
            url.query = PercentEncoding.encode(rest[(rest.startIndex + 1)..<queryEnd], set: .specialQuery)
            rest = rest[queryEnd...]
        }
        if rest.first == "#" {
            url.fragment = PercentEncoding.encode(rest.dropFirst(), set: .fragment)
        }
    }

    private static func isSingleDot(_ segment: String) -> Bool {
        segment == "." || segment.lowercased() == "%2e"
    }

    private static func isDoubleDot(_ segment: String) -> Bool {
        switch segment.lowercased() {
        case "..", ".%2e", "%2e.", "%2e%2e": true
        default: false
        }
    }
}
