/// Why an asset's last transfer failed, as recorded in the index.
package struct AssetFailure: Sendable, Hashable, Codable {
    /// The fetch engine's error code (`timeout`, `http_status`, `too_large`, …), as recorded.
    package var code: String
    /// A human-readable message with the URL or status.
    package var message: String

    /// Creates a failure record.
    /// - Parameters:
    ///   - code: the fetch engine's error code.
    ///   - message: the human-readable message.
    package init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// This failure as a JSON object, with the members in sorted order.
    package var jsonObject: JSONObjectText {
        var object = JSONObjectText()
        object.add("code", code)
        object.add("message", message)
        return object
    }
}
