/// IPv4 and IPv6 host parsing and serialization as the WHATWG URL standard defines them.
enum IPAddress {
    /// Whether a domain's last label is a number, so that the host must be read as IPv4.
    static func endsInNumber(_ host: String) -> Bool {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last == "" {
            if parts.count == 1 { return false }
            parts.removeLast()
        }
        guard let last = parts.last, !last.isEmpty else { return false }
        if last.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) { return true }
        return parseIPv4Number(last) != nil
    }

    /// Parses an IPv4 host in decimal, octal (leading 0) or hex (0x) parts, 1 to 4 of them.
    static func parseIPv4(_ host: String) -> UInt32? {
        var parts = host.split(separator: ".", omittingEmptySubsequences: false)
        if parts.last == "", parts.count > 1 { parts.removeLast() }
        guard parts.count <= 4 else { return nil }
        var numbers: [UInt64] = []
        for part in parts {
            guard let number = parseIPv4Number(part) else { return nil }
            numbers.append(number)
        }
        guard let last = numbers.last else { return nil }
        if numbers.dropLast().contains(where: { $0 > 255 }) { return nil }
        let limit = UInt64(1) << (8 * UInt64(5 - numbers.count))
        guard last < limit else { return nil }
        var address = last
        for (index, number) in numbers.dropLast().enumerated() {
            address += number << (8 * UInt64(3 - index))
        }
        return UInt32(truncatingIfNeeded: address)
    }

    /// One part of an IPv4 address; `nil` when it is not a number in its radix (or absurdly long).
    static func parseIPv4Number(_ part: Substring) -> UInt64? {
        var digits = Array(part.utf8)[...]
        guard !digits.isEmpty else { return nil }
        var radix: UInt64 = 10
        if digits.count >= 2, digits.first == UInt8(ascii: "0"),
            digits.dropFirst().first == UInt8(ascii: "x") || digits.dropFirst().first == UInt8(ascii: "X")
        {
            digits = digits.dropFirst(2)
            radix = 16
        } else if digits.count >= 2, digits.first == UInt8(ascii: "0") {
            digits = digits.dropFirst()
            radix = 8
        }
        var value: UInt64 = 0
        for byte in digits {
            guard let digit = PercentEncoding.hexValue(byte).map(UInt64.init), digit < radix else { return nil }
            let (times, overflow1) = value.multipliedReportingOverflow(by: radix)
            let (sum, overflow2) = times.addingReportingOverflow(digit)
            guard !overflow1, !overflow2 else { return nil }
            value = sum
        }
        return value
    }

    /// Dotted decimal.
    static func serializeIPv4(_ address: UInt32) -> String {
        (0..<4).map { String((address >> (8 * UInt32(3 - $0))) & 0xFF) }.joined(separator: ".")
    }

    /// Parses an IPv6 address (the text between the brackets), including `::` and a trailing IPv4 part.
    static func parseIPv6(_ input: ArraySlice<Unicode.Scalar>) -> [UInt16]? {
        let chars = Array(input)
        var pieces = [UInt16](repeating: 0, count: 8)
        var pieceIndex = 0
        var compress: Int?
        var pointer = 0
        func at(_ index: Int) -> Unicode.Scalar? { index < chars.count ? chars[index] : nil }
        if at(0) == ":" {
            guard at(1) == ":" else { return nil }
            pointer = 2
            pieceIndex = 1
            compress = 1
        }
        while let char = at(pointer) {
            guard pieceIndex < 8 else { return nil }
            if char == ":" {
                guard compress == nil else { return nil }
                pointer += 1
                pieceIndex += 1
                compress = pieceIndex
                continue
            }
            var value: UInt16 = 0
            var length = 0
            while length < 4, let current = at(pointer), current.isASCII,
                let digit = PercentEncoding.hexValue(UInt8(current.value))
            {
                value = value &* 0x10 &+ UInt16(digit)
                pointer += 1
                length += 1
            }
            if at(pointer) == "." {
                guard length > 0, pieceIndex <= 6 else { return nil }
                pointer -= length
                var numbersSeen = 0
                while let current = at(pointer) {
                    var ipv4Piece: Int?
                    if numbersSeen > 0 {
                        guard current == ".", numbersSeen < 4 else { return nil }
                        pointer += 1
                    }
                    guard let first = at(pointer), first.value >= 0x30, first.value <= 0x39 else {
                        return nil
                    }
                    while let digitChar = at(pointer), digitChar.isASCII,
                        digitChar.value >= 0x30, digitChar.value <= 0x39
                    {
                        let number = Int(digitChar.value - 0x30)
                        if let piece = ipv4Piece {
                            guard piece != 0 else { return nil }
                            ipv4Piece = piece * 10 + number
                        } else {
                            ipv4Piece = number
                        }
                        guard let piece = ipv4Piece, piece <= 255 else { return nil }
                        pointer += 1
                    }
                    pieces[pieceIndex] = pieces[pieceIndex] &* 0x100 &+ UInt16(ipv4Piece ?? 0)
                    numbersSeen += 1
                    if numbersSeen == 2 || numbersSeen == 4 { pieceIndex += 1 }
                }
                guard numbersSeen == 4 else { return nil }
                break
            } else if at(pointer) == ":" {
                pointer += 1
                guard at(pointer) != nil else { return nil }
            } else if at(pointer) != nil {
                return nil
            }
            pieces[pieceIndex] = value
            pieceIndex += 1
        }
        if let start = compress {
            var swaps = pieceIndex - start
            pieceIndex = 7
            while pieceIndex != 0, swaps > 0 {
                pieces.swapAt(pieceIndex, start + swaps - 1)
                pieceIndex -= 1
                swaps -= 1
            }
        } else if pieceIndex != 8 {
            return nil
        }
        return pieces
    }

    /// Lower-case hex pieces with the first longest run (≥ 2) of zero pieces written as `::`.
    static func serializeIPv6(_ pieces: [UInt16]) -> String {
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < pieces.count {
            if pieces[index] == 0 {
                var end = index
                while end < pieces.count, pieces[end] == 0 { end += 1 }
                if end - index > bestLength {
                    bestStart = index
                    bestLength = end - index
                }
                index = end
            } else {
                index += 1
            }
        }
        var output = ""
        index = 0
        while index < pieces.count {
            if index == bestStart {
                output += index == 0 ? "::" : ":"
                index += bestLength
                continue
            }
            output += String(pieces[index], radix: 16)
            if index != pieces.count - 1 { output += ":" }
            index += 1
        }
        return output
    }
}
