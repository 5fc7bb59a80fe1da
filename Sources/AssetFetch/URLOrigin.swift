/// The scheme, host and port of an absolute URL: the key of the engine's per-host queues. Pure.
package struct URLOrigin: Sendable, Hashable, CustomStringConvertible {
    /// Lower case.
    package var scheme: String
    /// Lower case; an IPv6 literal keeps its brackets.
    package var host: String
    /// The explicit port, else 80 for http and 443 for https (0 for other schemes).
    package var port: Int

    /// Parses `scheme://[userinfo@]host[:port][/…|?…|#…]`; nil if there is no scheme, no host or a bad port.
    package init?(_ url: String) {
        guard let colon = url.firstIndex(of: ":"), url[colon...].hasPrefix("://") else { return nil }
        let scheme = url[..<colon].lowercased()
        guard let first = scheme.first, first.isLetter, scheme.allSatisfy(Self.isSchemeCharacter) else { return nil }
        let rest = url[url.index(colon, offsetBy: 3)...]
        var authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var host = Substring(authority)
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.hasPrefix(":") { portText = after.dropFirst() } else if !after.isEmpty { return nil }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        }
        guard !host.isEmpty else { return nil }
        let defaultPort = scheme == "http" ? 80 : scheme == "https" ? 443 : 0
        var port = defaultPort
        if let portText, !portText.isEmpty {
            guard portText.allSatisfy(\.isASCIIDigit), let value = Int(portText), (1...65_535).contains(value) else {
                return nil
            }
            port = value
        }
        self.scheme = scheme
        self.host = host.lowercased()
        self.port = port
    }

    package var description: String { "\(scheme)://\(host):\(port)" }

    private static func isSchemeCharacter(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || "+-.".contains(character))
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
