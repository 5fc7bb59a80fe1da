/// The filters of `GET /v1/assets` (`url`, `state`, `article`); all absent lists every asset.
package struct AssetListQuery: Sendable, Hashable {
    /// Only the asset with this exact URL.
    package var url: String?
    /// Only assets in this state.
    package var state: AssetState?
    /// Only assets of this article.
    package var articleID: Int64?

    /// The query parameter names.
    package enum Name {
        /// `url`.
        package static let url = "url"
        /// `state`.
        package static let state = "state"
        /// `article`.
        package static let article = "article"
    }

    /// Creates a filter.
    /// - Parameters:
    ///   - url: the exact URL.
    ///   - state: the state.
    ///   - articleID: the article id.
    package init(url: String? = nil, state: AssetState? = nil, articleID: Int64? = nil) {
        self.url = url
        self.state = state
        self.articleID = articleID
    }

    /// The query items, in the order url, state, article.
    package var queryItems: [APIQueryItem] {
        var items: [APIQueryItem] = []
        if let url { items.append(APIQueryItem(Name.url, url)) }
        if let state { items.append(APIQueryItem(Name.state, state.rawValue)) }
        if let articleID { items.append(APIQueryItem(Name.article, String(articleID))) }
        return items
    }

    /// Reads the filter from query items, ignoring names it does not know.
    /// - Parameter items: decoded query items.
    /// - Returns: the filter.
    /// - Throws: ``APIErrorDocument`` with code `invalid_query` for an unknown state or a non-integer article.
    package static func parse(_ items: [APIQueryItem]) throws(APIErrorDocument) -> AssetListQuery {
        var query = AssetListQuery()
        for item in items {
            switch item.name {
            case Name.url:
                query.url = item.value
            case Name.state:
                guard let state = AssetState(rawValue: item.value) else {
                    let known = AssetState.allCases.map(\.rawValue).joined(separator: ", ")
                    throw APIErrorDocument(
                        code: .invalidQuery,
                        message: "unknown state '\(item.value)' (expected one of \(known))"
                    )
                }
                query.state = state
            case Name.article:
                guard let id = Int64(item.value) else {
                    throw APIErrorDocument(
                        code: .invalidQuery,
                        message: "article must be an integer id, got '\(item.value)'"
                    )
                }
                query.articleID = id
            default:
                continue
            }
        }
        return query
    }
}
