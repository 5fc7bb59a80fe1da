/// The query parameters of `POST /v1/articles`: `base_url`, `width`, `policy`, `name`.
///
/// `policy` travels as its name (`fit`, `largest`, `smallest`, `all`); the daemon validates it against the parser's
/// policies, so this module stays free of the parser.
package struct ArticleSubmissionOptions: Sendable, Hashable {
    /// The base URL for relative candidates when the article has no `<base href>`.
    package var baseURL: String?
    /// The display width in CSS px, overriding `sizes`.
    package var width: Double?
    /// The selection policy's name.
    package var policy: String?
    /// A display name for the article (e.g. the file name it came from).
    package var name: String?

    /// The query parameter names.
    package enum Name {
        /// `base_url`.
        package static let baseURL = "base_url"
        /// `width`.
        package static let width = "width"
        /// `policy`.
        package static let policy = "policy"
        /// `name`.
        package static let name = "name"
    }

    /// Creates submission options; absent values take the daemon's configuration.
    /// - Parameters:
    ///   - baseURL: the fallback base URL.
    ///   - width: the display width in CSS px.
    ///   - policy: the selection policy's name.
    ///   - name: the article's display name.
    package init(baseURL: String? = nil, width: Double? = nil, policy: String? = nil, name: String? = nil) {
        self.baseURL = baseURL
        self.width = width
        self.policy = policy
        self.name = name
    }

    /// The query items, in the order base_url, width, policy, name; a whole width is written without a fraction.
    package var queryItems: [APIQueryItem] {
        var items: [APIQueryItem] = []
        if let baseURL { items.append(APIQueryItem(Name.baseURL, baseURL)) }
        if let width {
            let text = width == width.rounded() && abs(width) < 1e15 ? String(Int64(width)) : String(width)
            items.append(APIQueryItem(Name.width, text))
        }
        if let policy { items.append(APIQueryItem(Name.policy, policy)) }
        if let name { items.append(APIQueryItem(Name.name, name)) }
        return items
    }

    /// Reads the options from query items, ignoring names it does not know.
    /// - Parameter items: decoded query items.
    /// - Returns: the options.
    /// - Throws: ``APIErrorDocument`` with code `invalid_query` when `width` is not a positive finite number.
    package static func parse(_ items: [APIQueryItem]) throws(APIErrorDocument) -> ArticleSubmissionOptions {
        var options = ArticleSubmissionOptions()
        for item in items {
            switch item.name {
            case Name.baseURL:
                options.baseURL = item.value
            case Name.width:
                guard let width = Double(item.value), width.isFinite, width > 0 else {
                    throw APIErrorDocument(
                        code: .invalidQuery,
                        message: "width must be a positive number, got '\(item.value)'"
                    )
                }
                options.width = width
            case Name.policy:
                options.policy = item.value
            case Name.name:
                options.name = item.value
            default:
                continue
            }
        }
        return options
    }
}
