/// The JSON body of `POST /v1/articles` that asks the daemon to fetch the article itself: `{"url": "https://…"}`.
///
/// A body of any other type is the article itself; see ``ArticleSubmissionOptions`` for the query parameters.
package struct ArticleSubmissionRequest: Sendable, Hashable, Codable {
    /// The absolute http(s) URL of the article.
    package var url: String

    /// Creates a by-URL submission.
    /// - Parameter url: the article's absolute URL.
    package init(url: String) {
        self.url = url
    }
}
