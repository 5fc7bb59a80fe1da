import AssetAPI
import AssetParser
import Logging

extension DaemonConfiguration {
    /// The settings as a JSON document in the layout of `Config/assetd.json`: every key in documented order, one per
    /// line, byte sizes and durations in their syntax (`"10GiB"`, `"5m"`). Reading it back gives the same settings.
    /// - Parameter redactingSecrets: replace the proxy's password by `***` (for logs and `--print-config`).
    /// - Returns: the JSON text, ending with a newline.
    package func fileRepresentation(redactingSecrets: Bool = true) -> String {
        let lines = Key.allCases.map { key in
            "    " + JSONObjectText.quoted(key.rawValue) + ": " + jsonValue(for: key, redactingSecrets)
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
        case .connectTimeout: JSONObjectText.quoted(DurationSyntax.format(connectTimeout))
        case .timeout: JSONObjectText.quoted(DurationSyntax.format(timeout))
        case .lowSpeedLimit: Self.byteCount(lowSpeedLimit)
        case .lowSpeedTime: JSONObjectText.quoted(DurationSyntax.format(lowSpeedTime))
        case .retries: String(retries)
        case .retryBaseDelay: JSONObjectText.quoted(DurationSyntax.format(retryBaseDelay))
        case .retryMaxDelay: JSONObjectText.quoted(DurationSyntax.format(retryMaxDelay))
        case .maxObjectBytes: Self.byteCount(maxObjectBytes)
        case .acceptTypes: Self.list(acceptTypes)
        case .userAgent: JSONObjectText.quoted(userAgent)
        case .proxy: Self.optional(redactingSecrets ? proxy.map(InputValidator.redacted) : proxy)
        case .caFile: Self.optional(caFile)
        case .connectTo: Self.list(connectTo.map(\.description))
        case .allowPrivateNetworks: String(allowPrivateNetworks)
        case .width: width.map(Self.number) ?? "null"
        case .dpr: Self.number(dpr)
        case .viewport: Self.number(viewport)
        case .policy: JSONObjectText.quoted(policy.rawValue)
        case .durability: JSONObjectText.quoted(durability.rawValue)
        case .logLevel: JSONObjectText.quoted(logLevel.rawValue)
        }
    }

    private static func optional(_ text: String?) -> String {
        text.map(JSONObjectText.quoted) ?? "null"
    }

    private static func list(_ items: [String]) -> String {
        "[" + items.map(JSONObjectText.quoted).joined(separator: ", ") + "]"
    }

    /// A binary-unit string when exact (`"10GiB"`), else a plain integer.
    private static func byteCount(_ bytes: Int64) -> String {
        let text = ByteCountSyntax.format(bytes)
        return text.allSatisfy(\.isNumber) ? text : JSONObjectText.quoted(text)
    }

    /// A whole number without a fraction (`1280`), otherwise Swift's shortest round-tripping form (`1.5`).
    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
