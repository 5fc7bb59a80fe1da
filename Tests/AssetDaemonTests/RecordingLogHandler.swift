import Logging
import Synchronization

/// A log handler that keeps every entry in memory, for tests that check what the daemon logs.
struct RecordingLogHandler: LogHandler {
    /// One logged entry.
    struct Entry: Sendable {
        var level: Logger.Level
        var message: String
        var metadata: [String: String]
    }

    /// The entries of every handler made from one store, in logging order.
    final class Store: Sendable {
        private let entries = Mutex<[Entry]>([])

        var all: [Entry] { entries.withLock { $0 } }

        func append(_ entry: Entry) {
            entries.withLock { $0.append(entry) }
        }

        /// A logger writing into this store at every level.
        func logger(label: String = "assetd.test") -> Logger {
            Logger(label: label, factory: { _ in RecordingLogHandler(store: self) })
        }
    }

    let store: Store
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var merged = metadata
        merged.merge(event.metadata ?? [:]) { _, new in new }
        store.append(
            Entry(
                level: event.level,
                message: "\(event.message)",
                metadata: merged.mapValues { "\($0)" }
            )
        )
    }
}
