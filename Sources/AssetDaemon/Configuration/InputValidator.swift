/// Typed reads of raw inputs that record a problem instead of failing.
struct InputValidator {
    let inputs: [DaemonConfiguration.Key: ConfigInput]
    var problems: [ConfigProblem] = []
    /// Keys whose given value was rejected (their default stands in).
    var rejected: Set<DaemonConfiguration.Key> = []

    init(inputs: [DaemonConfiguration.Key: ConfigInput]) {
        self.inputs = inputs
    }

    mutating func reject(_ key: DaemonConfiguration.Key, _ message: String) {
        problems.append(ConfigProblem(.invalidValue, key: key.rawValue, message))
        rejected.insert(key)
    }

    /// Whether the key was given a value that was accepted.
    func isValidGiven(_ key: DaemonConfiguration.Key) -> Bool {
        inputs[key] != nil && !rejected.contains(key)
    }

    mutating func text(_ key: DaemonConfiguration.Key) -> String? {
        switch inputs[key] {
        case nil: return nil
        case .text(let text): return text
        case .list(let parts): return parts.joined(separator: ",")
        case .integer(let value): return String(value)
        case .decimal(let value): return String(value)
        case .boolean(let value):
            reject(key, "expected text, got \(value)")
            return nil
        }
    }

    /// A path-valued key; empty text means unset.
    mutating func path(_ key: DaemonConfiguration.Key) -> String? {
        guard let text = text(key), !text.isEmpty else { return nil }
        guard !text.contains("\0") else {
            reject(key, "a path cannot contain NUL")
            return nil
        }
        return text
    }

    mutating func absolutePath(_ key: DaemonConfiguration.Key) -> String? {
        guard let path = path(key) else { return nil }
        guard path.hasPrefix("/") else {
            reject(key, "expected an absolute path, got '\(path)'")
            return nil
        }
        return path
    }

    mutating func integer(_ key: DaemonConfiguration.Key, in range: ClosedRange<Int>) -> Int? {
        let value: Int?
        switch inputs[key] {
        case nil: return nil
        case .integer(let integer): value = integer
        case .decimal(let decimal): value = decimal.rounded() == decimal ? Int(exactly: decimal) : nil
        case .text(let text): value = Int(text.trimmingSpaces)
        case .boolean, .list: value = nil
        }
        guard let value else {
            reject(key, "expected an integer, got \(inputs[key].map(String.init(describing:)) ?? "")")
            return nil
        }
        guard range.contains(value) else {
            reject(key, "\(value) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func decimal(_ key: DaemonConfiguration.Key, in range: ClosedRange<Double>) -> Double? {
        let value: Double?
        switch inputs[key] {
        case nil: return nil
        case .integer(let integer): value = Double(integer)
        case .decimal(let decimal): value = decimal
        case .text(let text): value = Double(text.trimmingSpaces)
        case .boolean, .list: value = nil
        }
        guard let value, value.isFinite else {
            reject(key, "expected a number, got \(inputs[key].map(String.init(describing:)) ?? "")")
            return nil
        }
        guard range.contains(value) else {
            reject(key, "\(value) is out of range \(range.lowerBound)…\(range.upperBound)")
            return nil
        }
        return value
    }

    mutating func boolean(_ key: DaemonConfiguration.Key) -> Bool? {
        switch inputs[key] {
        case nil: return nil
        case .boolean(let value): return value
        case .integer(0): return false
        case .integer(1): return true
        case .text(let text):
            switch text.trimmingSpaces.lowercased() {
            case "true", "yes", "1", "on": return true
            case "false", "no", "0", "off": return false
            default: break
            }
        default: break
        }
        reject(key, "expected true or false, got \(inputs[key].map(String.init(describing:)) ?? "")")
        return nil
    }

    mutating func byteCount(_ key: DaemonConfiguration.Key, minimum: Int64) -> Int64? {
        let value: Int64?
        switch inputs[key] {
        case nil: return nil
        case .integer(let integer): value = integer >= 0 ? Int64(integer) : nil
        case .decimal(let decimal): value = decimal >= 0 && decimal.rounded() == decimal ? Int64(exactly: decimal) : nil
        case .text(let text): value = ByteCountSyntax.parse(text)
        case .boolean, .list: value = nil
        }
        guard let value else {
            reject(
                key,
                "expected a byte size such as 512MiB, 2GB or 1048576, got \(inputs[key].map(String.init(describing:)) ?? "")"
            )
            return nil
        }
        guard value >= minimum else {
            reject(key, "must be at least \(minimum) bytes")
            return nil
        }
        return value
    }

    mutating func duration(_ key: DaemonConfiguration.Key, allowZero: Bool) -> Duration? {
        let value: Duration?
        switch inputs[key] {
        case nil: return nil
        case .integer(let integer): value = DurationSyntax.duration(seconds: Double(integer))
        case .decimal(let decimal): value = DurationSyntax.duration(seconds: decimal)
        case .text(let text): value = DurationSyntax.parse(text)
        case .boolean, .list: value = nil
        }
        guard let value else {
            reject(
                key,
                "expected a duration such as 30s, 500ms, 5m or a number of seconds, got \(inputs[key].map(String.init(describing:)) ?? "")"
            )
            return nil
        }
        guard allowZero || value > .zero else {
            reject(key, "must be greater than zero")
            return nil
        }
        return value
    }

    mutating func list(_ key: DaemonConfiguration.Key) -> [String]? {
        switch inputs[key] {
        case nil: return nil
        case .list(let values): return values.map(\.trimmingSpaces).filter { !$0.isEmpty }
        case .text(let text): return text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
        case .integer, .decimal, .boolean:
            reject(key, "expected a list of strings, got \(inputs[key].map(String.init(describing:)) ?? "")")
            return nil
        }
    }

    mutating func name<Value>(_ key: DaemonConfiguration.Key, _ choices: [(String, Value)]) -> Value? {
        guard inputs[key] != nil, let text = text(key) else { return nil }
        let wanted = text.trimmingSpaces.lowercased()
        if let match = choices.first(where: { $0.0 == wanted }) { return match.1 }
        reject(key, "expected one of \(choices.map(\.0).joined(separator: ", ")), got '\(text)'")
        return nil
    }
}
