/// One request as the test origin received it.
package struct RecordedRequest: Sendable, Equatable {
    /// Position in arrival order over the origin's lifetime, from 0.
    package var sequence: Int
    /// The request method, e.g. `GET`.
    package var method: String
    /// The request target as sent (path and query, not decoded).
    package var target: String
    /// The HTTP version as `major.minor`, e.g. `1.1`.
    package var version: String
    /// The header fields in order, names as sent.
    package var headers: [HeaderField]
    /// The connection it came on: 0 for the first accepted connection, 1 for the next, … Two requests with the same
    /// value shared a keep-alive connection.
    package var connectionID: Int
    /// When the request head was complete, on the continuous clock.
    package var arrival: ContinuousClock.Instant

    /// Makes a record.
    package init(
        sequence: Int,
        method: String,
        target: String,
        version: String,
        headers: [HeaderField],
        connectionID: Int,
        arrival: ContinuousClock.Instant
    ) {
        self.sequence = sequence
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers
        self.connectionID = connectionID
        self.arrival = arrival
    }

    /// The value of the first header called `name` (case-insensitive), or `nil`.
    ///
    /// - Parameter name: the field name in any case.
    package func header(_ name: String) -> String? {
        headers.first(named: name)
    }
}
