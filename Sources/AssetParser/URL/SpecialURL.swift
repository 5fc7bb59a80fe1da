/// A parsed URL with a special, hierarchical scheme (`http`, `https`, `ws`, `wss`, `ftp`, `file`), its
/// components already percent-encoded as the WHATWG URL standard requires.
struct SpecialURL: Equatable {
    var scheme: String
    var username = ""
    var password = ""
    var host = ""
    var port: Int?
    var path: [String] = []
    var query: String?
    var fragment: String?

    /// The schemes parsed hierarchically, with their default ports.
    static let defaultPorts: [String: Int?] = [
        "http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "file": nil,
    ]

    /// The URL serializer.
    var serialized: String {
        var output = scheme + "://"
        if !username.isEmpty || !password.isEmpty {
            output += username
            if !password.isEmpty { output += ":" + password }
            output += "@"
        }
        output += host
        if let port { output += ":" + String(port) }
        output += "/" + path.joined(separator: "/")
        if let query { output += "?" + query }
        if let fragment { output += "#" + fragment }
        return output
    }
}
