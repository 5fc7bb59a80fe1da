/// The answer to `GET /healthz`: `{"status": "ok"}` while serving, `{"status": "stopping"}` during shutdown.
package struct HealthDocument: Sendable, Hashable, Codable {
    /// The daemon's health.
    package enum Status: String, Sendable, Hashable, Codable {
        /// Serving requests.
        case ok
        /// Shutting down gracefully.
        case stopping
    }

    /// The daemon's health.
    package var status: Status

    /// Creates a health document.
    /// - Parameter status: the daemon's health.
    package init(status: Status) {
        self.status = status
    }
}
