/// One `connect-to` entry in curl's syntax `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT`: requests for HOST:PORT
/// connect to CONNECT-TO-HOST:CONNECT-TO-PORT instead (TLS and Host still name HOST). An empty HOST or PORT matches
/// any; an empty target part keeps the original. IPv6 addresses are written in brackets (`[::1]`).
package struct ConnectToRule: Sendable, Hashable, CustomStringConvertible {
    /// The host to match, or empty for any.
    package var host: String
    /// The port to match, or `nil` for any.
    package var port: Int?
    /// The host to connect to, or empty for the original.
    package var connectHost: String
    /// The port to connect to, or `nil` for the original.
    package var connectPort: Int?

    /// Creates a rule.
    /// - Parameters:
    ///   - host: the host to match (empty: any).
    ///   - port: the port to match (`nil`: any).
    ///   - connectHost: the host to connect to (empty: the original).
    ///   - connectPort: the port to connect to (`nil`: the original).
    package init(host: String, port: Int?, connectHost: String, connectPort: Int?) {
        self.host = host
        self.port = port
        self.connectHost = connectHost
        self.connectPort = connectPort
    }

    /// The entry in curl's syntax, as `CURLOPT_CONNECT_TO` takes it.
    package var description: String {
        "\(host):\(port.map(String.init) ?? ""):\(connectHost):\(connectPort.map(String.init) ?? "")"
    }

    /// Parses an entry.
    /// - Parameter text: the entry.
    /// - Returns: the rule, or a message saying what is wrong.
    package static func parse(_ text: String) -> Result<ConnectToRule, ConfigProblem> {
        func problem(_ message: String) -> Result<ConnectToRule, ConfigProblem> {
            .failure(ConfigProblem(.invalidValue, key: "connect-to", "'\(text)': \(message)"))
        }
        guard let fields = splitFields(text), fields.count == 4 else {
            return problem("expected HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT (four fields, IPv6 in brackets)")
        }
        for host in [fields[0], fields[2]] where !isValidHost(host) {
            return problem("'\(host)' is not a host name or address")
        }
        guard isValidPort(fields[1]), isValidPort(fields[3]) else {
            return problem("ports must be empty or integers from 1 to 65535")
        }
        return .success(
            ConnectToRule(host: fields[0], port: Int(fields[1]), connectHost: fields[2], connectPort: Int(fields[3]))
        )
    }

    /// Splits at colons outside brackets; `nil` on unbalanced brackets.
    private static func splitFields(_ text: String) -> [String]? {
        var fields: [String] = []
        var current = ""
        var inBrackets = false
        for character in text {
            switch character {
            case "[" where !inBrackets:
                inBrackets = true
                current.append(character)
            case "]" where inBrackets:
                inBrackets = false
                current.append(character)
            case ":" where !inBrackets:
                fields.append(current)
                current = ""
            default:
                current.append(character)
            }
        }
        guard !inBrackets else { return nil }
        fields.append(current)
        return fields
    }

    private static func isValidHost(_ host: String) -> Bool {
        if host.isEmpty { return true }
        if host.hasPrefix("[") {
            guard host.hasSuffix("]"), host.count > 2 else { return false }
            return host.dropFirst().dropLast().allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
        }
        return host.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == "_") }
    }

    /// Whether a port field is empty or a decimal port from 1 to 65535.
    private static func isValidPort(_ field: String) -> Bool {
        field.isEmpty
            || (field.allSatisfy { $0.isASCII && $0.isNumber } && Int(field).map { (1...65535).contains($0) } == true)
    }
}
