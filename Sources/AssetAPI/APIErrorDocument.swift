/// The body of every error response: `{"error": {"code": "not_found", "message": "no article 42"}}`.
package struct APIErrorDocument: Error, Sendable, Hashable, Codable {
    /// The error's content.
    package struct Detail: Sendable, Hashable, Codable {
        /// The machine-readable code.
        package var code: APIErrorCode
        /// A human-readable message naming the thing concerned (URL, id, path).
        package var message: String

        /// Creates an error detail.
        /// - Parameters:
        ///   - code: the machine-readable code.
        ///   - message: the human-readable message.
        package init(code: APIErrorCode, message: String) {
            self.code = code
            self.message = message
        }
    }

    /// The error's content.
    package var error: Detail

    /// Creates an error document.
    /// - Parameters:
    ///   - code: the machine-readable code.
    ///   - message: the human-readable message.
    package init(code: APIErrorCode, message: String) {
        self.error = Detail(code: code, message: message)
    }

    /// The HTTP status this document is sent with.
    package var httpStatus: Int { error.code.httpStatus }
}
