/// Which asset transitions a `GET /v1/events` subscriber receives: those into the states named by `to`
/// (`?to=cached,failed`), or every transition when `to` is absent. `status` events always come.
///
/// A client that only needs outcomes (`assetctl enqueue --wait`) asks for `cached,failed,evicted`; the daemon then
/// does no work at all for transitions into `queued` or `fetching` that nobody asked for.
package struct ServerEventFilter: Sendable, Hashable {
    /// The target states wanted, or nil for all.
    package var states: Set<AssetState>?

    /// The query parameter name, `to`.
    package static let name = "to"

    /// Every transition.
    package static let all = ServerEventFilter(states: nil)

    /// Transitions that end a transfer's story for now: into `cached`, `failed` or `evicted`.
    package static let outcomes = ServerEventFilter(states: [.cached, .failed, .evicted])

    /// Creates a filter.
    /// - Parameter states: the target states wanted, or nil for all.
    package init(states: Set<AssetState>?) {
        self.states = states
    }

    /// Whether a transition into `state` passes.
    /// - Parameter state: the state the asset changed to.
    /// - Returns: true when wanted.
    package func admits(_ state: AssetState) -> Bool {
        states?.contains(state) ?? true
    }

    /// The query items: `to` with the states in declaration order, or none for all.
    package var queryItems: [APIQueryItem] {
        guard let states else { return [] }
        let names = AssetState.allCases.filter(states.contains).map(\.rawValue)
        return [APIQueryItem(Self.name, names.joined(separator: ","))]
    }

    /// Reads the filter from query items, ignoring names it does not know.
    /// - Parameter items: decoded query items.
    /// - Returns: the filter.
    /// - Throws: ``APIErrorDocument`` with code `invalid_query` for an unknown or missing state.
    package static func parse(_ items: [APIQueryItem]) throws(APIErrorDocument) -> ServerEventFilter {
        guard let item = items.last(where: { $0.name == name }) else { return .all }
        var states = Set<AssetState>()
        for word in item.value.split(separator: ",", omittingEmptySubsequences: false) {
            guard let state = AssetState(rawValue: String(word)) else {
                let known = AssetState.allCases.map(\.rawValue).joined(separator: ", ")
                throw APIErrorDocument(
                    code: .invalidQuery,
                    message: "unknown state '\(word)' in to= (expected a comma-separated list of \(known))"
                )
            }
            states.insert(state)
        }
        return ServerEventFilter(states: states)
    }
}
