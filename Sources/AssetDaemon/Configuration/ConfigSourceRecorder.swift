import Configuration
import Synchronization

/// Remembers, for each key read, where its value came from (`--timeout`, `ASSETD_TIMEOUT`, the file's path), so
/// that a problem can say which source to fix. Installed as the `ConfigReader`'s access reporter. Thread-safe.
final class ConfigSourceRecorder: AccessReporter {
    private let filePath: String?
    private let sources = Mutex<[String: String]>([:])

    /// Creates a recorder.
    /// - Parameter filePath: the configuration file's path, named for values it provides.
    init(filePath: String?) {
        self.filePath = filePath
    }

    /// The source of the value last read for `key`, if any provider had one.
    func source(of key: String) -> String? {
        sources.withLock { $0[key] }
    }

    func report(_ event: AccessEvent) {
        guard case .success(.some) = event.result else { return }
        for provider in event.providerResults {
            guard case .success(let lookup) = provider.result, lookup.value != nil else { continue }
            let source: String
            if provider.providerName.contains("FileProvider") {
                source = filePath ?? "the configuration file"
            } else {
                source = lookup.encodedKey
            }
            let key = event.metadata.key.components.joined(separator: ".")
            sources.withLock { $0[key] = source }
            return
        }
    }
}
