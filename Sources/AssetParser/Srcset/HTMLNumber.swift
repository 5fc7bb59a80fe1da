/// The HTML number microsyntaxes the srcset descriptors use ("valid non-negative integer" and
/// "valid floating-point number"), validated strictly and then converted.
enum HTMLNumber {
    /// The outcome of reading a valid non-negative integer.
    enum IntegerValue: Equatable {
        /// Not one or more ASCII digits.
        case invalid
        /// Valid, but larger than `Int.max`.
        case tooLarge
        /// The value.
        case value(Int)
    }

    /// Reads a valid non-negative integer: one or more ASCII digits and nothing else.
    static func nonNegativeInteger<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> IntegerValue {
        guard !bytes.isEmpty else { return .invalid }
        var result = 0
        var overflowed = false
        for byte in bytes {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .invalid }
            let (times10, overflow1) = result.multipliedReportingOverflow(by: 10)
            let (sum, overflow2) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            if overflow1 || overflow2 { overflowed = true }
            result = sum
        }
        return overflowed ? .tooLarge : .value(result)
    }

    /// Reads a valid floating-point number (`-`? then digits, `.digits` or both, then optionally
    /// `e`/`E`, a sign and digits). Returns `nil` when the text does not match the grammar or the value
    /// is not finite; `-0` comes back as `0`.
    static func floatingPoint<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> Double?
    where Bytes.Index == Int {
        var index = bytes.startIndex
        let end = bytes.endIndex
        func digits() -> Int {
            let start = index
            while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") {
                index += 1
            }
            return index - start
        }
        if index < end, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerDigits = digits()
        var fractionDigits = 0
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            fractionDigits = digits()
            guard fractionDigits > 0 else { return nil }
        }
        guard integerDigits + fractionDigits > 0 else { return nil }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            guard digits() > 0 else { return nil }
        }
        guard index == end else { return nil }
        guard let value = Double(String(decoding: bytes, as: UTF8.self)), value.isFinite else { return nil }
        return value == 0 ? 0 : value
    }
}
