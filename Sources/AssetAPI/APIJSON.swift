package import FoundationEssentials

/// The JSON coders both sides of the control API use, so that dates and key order match on the wire.
///
/// Keys are spelled explicitly by each type's `CodingKeys` (snake_case), so no key strategy is set. Dates are
/// ISO 8601 strings in UTC with whole seconds. Output has sorted keys and unescaped slashes (URLs stay readable).
package enum APIJSON {
    /// A new encoder configured for the API.
    /// - Returns: an encoder with sorted keys, unescaped slashes and ISO 8601 dates.
    package static func makeEncoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// A new decoder configured for the API.
    /// - Returns: a decoder reading ISO 8601 dates.
    package static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Encodes one API document.
    /// - Parameter value: the document.
    /// - Returns: its UTF-8 JSON bytes.
    /// - Throws: `EncodingError` when a value cannot be encoded (a non-finite number).
    package static func encode(_ value: some Encodable) throws -> Data {
        try makeEncoder().encode(value)
    }

    /// Decodes one API document.
    /// - Parameters:
    ///   - type: the document type.
    ///   - data: UTF-8 JSON bytes.
    /// - Returns: the decoded document.
    /// - Throws: `DecodingError` when the bytes are not that document.
    package static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try makeDecoder().decode(type, from: data)
    }
}
