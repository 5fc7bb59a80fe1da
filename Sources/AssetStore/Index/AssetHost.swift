/// The fairness key of a URL: which origin the scheduler takes turns between and limits per host.
package enum AssetHost {
    /// The lowercased host of an absolute URL, with `:port` when a non-default port is given.
    ///
    /// Pure string work, no URL parser: `https://User@IMG.Example.com:443/a.jpg` gives `img.example.com`,
    /// `http://[::1]:8080/x` gives `[::1]:8080`. A string without `scheme://` gives the empty string.
    /// - Parameter url: an absolute URL.
    /// - Returns: the host key, possibly empty.
    package static func key(for url: String) -> String {
        guard let schemeEnd = url.firstRange(of: "://") else { return "" }
        let scheme = url[..<schemeEnd.lowerBound].lowercased()
        let rest = url[schemeEnd.upperBound...]
        let authorityEnd = rest.firstIndex(where: { $0 == "/" || $0 == "?" || $0 == "#" }) ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") {
            authority = authority[authority.index(after: at)...]
        }
        var host = authority
        var port: Substring = ""
        if authority.hasPrefix("[") {
            if let close = authority.firstIndex(of: "]") {
                host = authority[...close]
                let afterClose = authority[authority.index(after: close)...]
                if afterClose.hasPrefix(":") { port = afterClose.dropFirst() }
            }
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            port = authority[authority.index(after: colon)...]
        }
        let isDefaultPort = port.isEmpty || (scheme == "http" && port == "80") || (scheme == "https" && port == "443")
        let hostKey = host.lowercased()
        return isDefaultPort ? hostKey : "\(hostKey):\(port)"
    }
}
