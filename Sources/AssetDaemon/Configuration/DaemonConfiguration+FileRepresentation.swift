import AssetParser
import Logging

extension DaemonConfiguration {
    /// The settings as a JSON document in the layout of `Config/assetd.json`: every key in documented order, one per
    /// line, byte sizes and durations in their syntax (`"10GiB"`, `"5m"`). Reading it back gives the same settings.
    /// - Parameter redactingSecrets: replace the proxy's password by `***` (for logs and `--print-config`).
    /// - Returns: the JSON text, ending with a newline.
    package func fileRepresentation(redactingSecrets: Bool = true) -> String {
        let lines = Key.allCases.map { key in
            "    " + Self.jsonString(key.rawValue) + ": " + jsonValue(for: key, redactingSecrets)
        }
        return "{\n" + lines.joined(separator: ",\n") + "\n}\n"
    }

    private func jsonValue(for key: Key, _ redactingSecrets: Bool) -> String {
        switch key {
        case .socket: Self.optional(socket)
        case .stateDirectory: Self.optional(stateDirectory)
        case .cacheDirectory: Self.optional(cacheDirectory)
        case .maxCacheBytes: Self.byteCount(maxCacheBytes)
        case .concurrency: String(concurrency)
        case .perHost: String(perHost)
        case .connectTimeout: Self.jsonString(DurationSyntax.format(connectTimeout))
        case .timeout: Self.jsonString(DurationSyntax.format(timeout))
        case .lowSpeedLimit: Self.byteCount(lowSpeedLimit)
        case .lowSpeedTime: Self.jsonString(DurationSyntax.format(lowSpeedTime))
        case .retries: String(retries)
        case .retryBaseDelay: Self.jsonString(DurationSyntax.format(retryBaseDelay))
        case .retryMaxDelay: Self.jsonString(DurationSyntax.format(retryMaxDelay))
        case .maxObjectBytes: Self.byteCount(maxObjectBytes)
        case .acceptTypes: Self.list(acceptTypes)
        case .userAgent: Self.jsonString(userAgent)
        case .proxy: Self.optional(redactingSecrets ? proxy.map(InputValidator.redacted) : proxy)
        case .caFile: Self.optional(caFile)
        case .connectTo: Self.list(connectTo.map(\.description))
        case .allowPrivateNetworks: String(allowPrivateNetworks)
        case .width: width.map(Self.number) ?? "null"
        case .dpr: Self.number(dpr)
        case .viewport: Self.number(viewport)
        case .policy: Self.jsonString(policy.rawValue)
        case .durability: Self.jsonString(durability.rawValue)
        case .logLevel: Self.jsonString(logLevel.rawValue)
        }
    }

    private static func optional(_ text: String?) -> String {
        text.map(jsonString) ?? "null"
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.map(jsonString).joined(separator: ", ") + "]"
    }

    /// A binary-unit string when exact (`"10GiB"`), else a plain integer.
    private static func byteCount(_ bytes: Int64) -> String {
        let text = ByteCountSyntax.format(bytes)
        return text.allSatisfy(\.isNumber) ? text : jsonString(text)
    }

    /// A whole number without a fraction (`1280`), otherwise Swift's shortest round-tripping form (`1.5`).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    /// A JSON string literal: quotes, backslashes and control characters escaped.
    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
