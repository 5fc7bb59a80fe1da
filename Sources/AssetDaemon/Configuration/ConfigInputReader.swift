import Configuration

/// Reads one key's raw value through a `ConfigReader`, asking for the types its kind allows in turn, so a JSON
/// number, a JSON string and environment text all arrive as a ``ConfigInput`` for validation.
enum ConfigInputReader {
    /// The key's value from the highest-precedence provider that has one, or `nil` when no provider has a value
    /// readable as any of the kind's types.
    static func read(_ key: DaemonConfiguration.Key, from reader: ConfigReader) -> ConfigInput? {
        let configKey = ConfigKey([key.rawValue])
        // The proxy URL may carry a password: keep it out of swift-configuration's access logs.
        let isSecret = key == .proxy
        let text = { reader.string(forKey: configKey, isSecret: isSecret).map(ConfigInput.text) }
        let list = { reader.stringArray(forKey: configKey, isSecret: isSecret).map(ConfigInput.list) }
        let integer = { reader.int(forKey: configKey).map(ConfigInput.integer) }
        let decimal = { reader.double(forKey: configKey).map(ConfigInput.decimal) }
        let boolean = { reader.bool(forKey: configKey).map(ConfigInput.boolean) }
        switch key.kind {
        case .text: return text() ?? list()
        case .name: return text()
        case .integer: return integer() ?? text() ?? decimal()
        case .decimal: return decimal() ?? text()
        case .boolean: return boolean() ?? text()
        case .byteCount, .duration: return text() ?? integer() ?? decimal()
        case .list: return list() ?? text()
        }
    }
}
