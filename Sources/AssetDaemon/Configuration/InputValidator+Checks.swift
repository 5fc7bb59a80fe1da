/// Checks of single keys with their own syntax, and across keys.
extension InputValidator {
    mutating func acceptTypes() -> [String]? {
        guard let types = list(.acceptTypes) else { return nil }
        guard !types.isEmpty else {
            reject(.acceptTypes, "needs at least one media type, such as image/*")
            return nil
        }
        let invalid = types.filter { !Self.isMediaRange($0) }
        guard invalid.isEmpty else {
            reject(
                .acceptTypes,
                "not a media type or range (type/subtype, type/*): " + invalid.map { "'\($0)'" }.joined(separator: ", ")
            )
            return nil
        }
        return types.map { $0.lowercased() }
    }

    mutating func userAgent() -> String? {
        guard let agent = text(.userAgent) else { return nil }
        guard !agent.isEmpty, !agent.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            reject(.userAgent, "must be non-empty printable text on one line")
            return nil
        }
        return agent
    }

    mutating func proxy() -> String? {
        guard let proxy = path(.proxy) else { return nil }
        let schemes = ["http", "https", "socks4", "socks4a", "socks5", "socks5h"]
        if let separator = proxy.firstRange(of: "://") {
            let scheme = proxy[..<separator.lowerBound].lowercased()
            let rest = proxy[separator.upperBound...]
            guard schemes.contains(scheme), !rest.isEmpty else {
                reject(
                    .proxy,
                    "expected a proxy URL with scheme \(schemes.joined(separator: ", ")), got '\(Self.redacted(proxy))'"
                )
                return nil
            }
        }
        guard !proxy.contains(where: { $0 == " " || $0.isNewline }) else {
            reject(.proxy, "a proxy URL cannot contain spaces, got '\(Self.redacted(proxy))'")
            return nil
        }
        return proxy
    }

    mutating func connectTo() -> [ConnectToRule] {
        guard let entries = list(.connectTo) else { return [] }
        var rules: [ConnectToRule] = []
        for entry in entries {
            switch ConnectToRule.parse(entry) {
            case .success(let rule): rules.append(rule)
            case .failure(let problem):
                problems.append(problem)
                rejected.insert(.connectTo)
            }
        }
        return rules
    }

    /// `width` is optional: empty text or `none` leaves it unset.
    mutating func width() -> Double? {
        if case .text(let text) = inputs[.width], ["", "none"].contains(text.trimmingSpaces.lowercased()) {
            return nil
        }
        return decimal(.width, in: 1...100_000)
    }

    mutating func checkContradictions(_ config: DaemonConfiguration) {
        func contradiction(_ key: DaemonConfiguration.Key, _ message: String) {
            problems.append(ConfigProblem(.contradiction, key: key.rawValue, message))
        }
        let rejected = rejected
        let valid = { (keys: [DaemonConfiguration.Key]) in keys.allSatisfy { !rejected.contains($0) } }
        if valid([.perHost, .concurrency]), config.perHost > config.concurrency {
            contradiction(.perHost, "\(config.perHost) exceeds concurrency \(config.concurrency)")
        }
        if valid([.retryBaseDelay, .retryMaxDelay]), config.retryBaseDelay > config.retryMaxDelay {
            contradiction(
                .retryBaseDelay,
                "\(DurationSyntax.format(config.retryBaseDelay)) exceeds retry-max-delay \(DurationSyntax.format(config.retryMaxDelay))"
            )
        }
        if valid([.maxObjectBytes, .maxCacheBytes]), config.maxObjectBytes > config.maxCacheBytes {
            contradiction(
                .maxObjectBytes,
                "\(ByteCountSyntax.format(config.maxObjectBytes)) exceeds max-cache-bytes \(ByteCountSyntax.format(config.maxCacheBytes))"
            )
        }
        if valid([.connectTimeout, .timeout]), config.timeout > .zero, config.connectTimeout > config.timeout {
            contradiction(
                .connectTimeout,
                "\(DurationSyntax.format(config.connectTimeout)) exceeds timeout \(DurationSyntax.format(config.timeout))"
            )
        }
    }

    /// A proxy URL with its password replaced by `***` (`http://user:***@host:3128`), fit for messages and logs.
    static func redacted(_ proxy: String) -> String {
        let afterScheme = proxy.firstRange(of: "://")?.upperBound ?? proxy.startIndex
        guard let at = proxy[afterScheme...].lastIndex(of: "@"),
            let colon = proxy[afterScheme..<at].firstIndex(of: ":")
        else { return proxy }
        return String(proxy[..<proxy.index(after: colon)]) + "***" + String(proxy[at...])
    }

    /// `type/subtype` or `type/*` (or `*/*`), with RFC 9110 token characters.
    static func isMediaRange(_ text: String) -> Bool {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        let isToken = { (part: Substring) in
            part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "!#$&^_.+-".contains($0)) }
        }
        if parts[0] == "*" { return parts[1] == "*" }
        return isToken(parts[0]) && (parts[1] == "*" || isToken(parts[1]))
    }
}
