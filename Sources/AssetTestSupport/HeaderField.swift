/// One HTTP header field as sent or received (name case preserved).
package struct HeaderField: Sendable, Equatable, Hashable {
    /// The field name as written.
    package var name: String
    /// The field value.
    package var value: String

    /// Makes a header field.
    package init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

extension [HeaderField] {
    /// The value of the first field called `name` (compared case-insensitively), or `nil`.
    ///
    /// - Parameter name: the field name in any case.
    package func first(named name: String) -> String? {
        let wanted = name.lowercased()
        return first { $0.name.lowercased() == wanted }?.value
    }
}
