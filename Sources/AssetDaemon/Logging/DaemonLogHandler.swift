import Glibc
package import Logging

/// The daemon's swift-log handler: one line per event on a ``LogOutput`` (stderr), with a `<N>` priority prefix
/// under journald and a timestamp and level otherwise; metadata as `key=value`.
///
/// Bootstrap it only in the `assetd` entry point:
/// `LoggingSystem.bootstrap { DaemonLogHandler(label: $0, output: output, logLevel: level) }`.
package struct DaemonLogHandler: LogHandler {
    /// The logger's label, written before the message.
    package let label: String
    /// Where lines go.
    package let output: LogOutput
    package var logLevel: Logger.Level
    package var metadata: Logger.Metadata = [:]
    package var metadataProvider: Logger.MetadataProvider?

    /// Creates a handler.
    /// - Parameters:
    ///   - label: the logger's label.
    ///   - output: where lines go.
    ///   - logLevel: the least severe level written.
    ///   - metadataProvider: contextual metadata added to every event.
    package init(
        label: String,
        output: LogOutput,
        logLevel: Logger.Level = .info,
        metadataProvider: Logger.MetadataProvider? = nil
    ) {
        self.label = label
        self.output = output
        self.logLevel = logLevel
        self.metadataProvider = metadataProvider
    }

    package subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    package func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() {
            merged.merge(provided) { _, new in new }
        }
        if let eventMetadata = event.metadata {
            merged.merge(eventMetadata) { _, new in new }
        }
        if let error = event.error {
            merged["error"] = .string("\(error)")
        }
        var now = timespec()
        if output.style == .timestamped {
            clock_gettime(CLOCK_REALTIME, &now)
        }
        output.write(
            LogLineFormatter.format(
                style: output.style,
                time: now,
                level: event.level,
                label: label,
                message: event.message.description,
                metadata: merged
            )
        )
    }
}
