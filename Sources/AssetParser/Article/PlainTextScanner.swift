/// Finds srcset runs in running text: one or more `URL descriptor` candidates separated by commas, where the URL
/// is absolute `http`/`https` (scheme matched case-insensitively) and the descriptor is `Nw` or `Nx` (`N.Nx`).
///
/// The scanner is a byte state machine fed any number of text pieces; it keeps at most one URL
/// (`maximumURLLength`) and one run (`maximumRunLength`) between pieces. A finished run is handed over as the
/// bytes `URL descriptor, URL descriptor, …`, ready for the srcset parser, with the line of its first URL.
/// A descriptor must end at whitespace, a comma, punctuation or the end of the text (`480wide` is no descriptor).
struct PlainTextScanner: Sendable {
    /// One srcset run found in text.
    struct Run: Sendable, Hashable {
        /// The candidates as `URL descriptor` joined by `", "`, in the document's bytes.
        var text: [UInt8]
        /// The 1-based line of the run's first URL.
        var line: Int
    }

    /// The longest URL considered, in bytes; longer ones are not candidates.
    static let maximumURLLength = 16 << 10
    /// The longest run kept before it is handed over and a new one begins.
    static let maximumRunLength = 1 << 20

    private enum State: UInt8, Sendable {
        case idle, scheme, url, beforeDescriptor, descriptor, descriptorEnd, afterDescriptor, afterComma
    }

    private var state = State.idle
    private var token: [UInt8] = []
    private var descriptor: [UInt8] = []
    private var descriptorHasDot = false
    private var run: [UInt8] = []
    private var runCount = 0
    private var runLine = 1
    private var tokenLine = 1
    /// Runs finished so far; the owner takes them with `takeRuns()`.
    private var finished: [Run] = []

    private static let httpScheme = Array("http://".utf8)
    private static let httpsScheme = Array("https://".utf8)

    /// Scans `chunk[start..<end]` as text.
    /// - Parameters:
    ///   - chunk: the chunk being scanned.
    ///   - start: the first byte of the text.
    ///   - end: the end of the text.
    ///   - lines: the chunk's line counter, used for the line of a run.
    mutating func scan(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, lines: inout LineCounter) {
        var index = start
        while index < end {
            if state == .idle {
                index = ByteSearch.firstLetterH(in: chunk, from: index, to: end)
                guard index < end else { return }
                // Most `h`s in prose start no URL: rule them out without entering the state machine.
                if index + 4 <= end, !Self.isTTP(chunk, at: index + 1) {
                    index += 1
                    continue
                }
                tokenLine = lines.line(at: index, in: chunk)
                beginURL()
            }
            if consume(chunk[index]) {
                index += 1
            }
        }
    }

    /// Whether the three bytes at `index` are `ttp`, ignoring case.
    @inline(__always)
    private static func isTTP(_ chunk: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        chunk[index] | 0x20 == UInt8(ascii: "t") && chunk[index + 1] | 0x20 == UInt8(ascii: "t")
            && chunk[index + 2] | 0x20 == UInt8(ascii: "p")
    }

    /// Text was interrupted (by markup): it reads as whitespace.
    mutating func boundary() {
        if state != .idle {
            _ = consume(0x20)
        }
    }

    /// Ends the text: a run in progress is finished.
    mutating func finish() {
        boundary()
        endRun()
    }

    /// The runs finished since the last call.
    mutating func takeRuns() -> [Run] {
        guard !finished.isEmpty else { return [] }
        defer { finished.removeAll() }
        return finished
    }

    /// Whether finished runs are waiting to be taken.
    var hasRuns: Bool { !finished.isEmpty }

    private mutating func beginURL() {
        token.removeAll(keepingCapacity: true)
        state = .scheme
    }

    /// Feeds one byte; returns `false` when the byte was not consumed and must be looked at again (in `.idle`).
    private mutating func consume(_ byte: UInt8) -> Bool {
        switch state {
        case .idle:
            return true
        case .scheme:
            token.append(byte.asciiLowercased)
            let length = token.count
            let isHTTP = length <= 7 && token.elementsEqual(Self.httpScheme.prefix(length))
            let isHTTPS = length <= 8 && token.elementsEqual(Self.httpsScheme.prefix(length))
            guard isHTTP || isHTTPS else {
                return abandon(consumed: length == 1)
            }
            if (isHTTP && length == 7) || (isHTTPS && length == 8) {
                state = .url
            }
            return true
        case .url:
            if byte.isHTMLWhitespace {
                let schemeLength = token.count >= 8 && token[4] == UInt8(ascii: "s") ? 8 : 7
                if token.count == schemeLength {
                    return abandon(consumed: true)
                }
                state = .beforeDescriptor
                return true
            }
            guard token.count < Self.maximumURLLength else { return abandon(consumed: true) }
            token.append(byte)
            return true
        case .beforeDescriptor:
            if byte.isHTMLWhitespace { return true }
            guard byte.isASCIIDigit else { return abandon(consumed: false) }
            descriptor.removeAll(keepingCapacity: true)
            descriptorHasDot = false
            state = .descriptor
            return false
        case .descriptor:
            if byte.isASCIIDigit || byte == UInt8(ascii: ".") {
                guard descriptor.count < 32 else { return abandon(consumed: false) }
                descriptorHasDot = descriptorHasDot || byte == UInt8(ascii: ".")
                descriptor.append(byte)
                return true
            }
            guard byte == UInt8(ascii: "w") && !descriptorHasDot || byte == UInt8(ascii: "x") else {
                return abandon(consumed: false)
            }
            descriptor.append(byte)
            state = .descriptorEnd
            return true
        case .descriptorEnd:
            if byte.isASCIIDigit || byte.isASCIILetter {
                return abandon(consumed: false)  // `480wide`: not a descriptor
            }
            appendCandidate()
            if byte.isHTMLWhitespace {
                state = .afterDescriptor
                return true
            }
            if byte == UInt8(ascii: ",") {
                state = .afterComma
                return true
            }
            return abandon(consumed: false)  // punctuation after the descriptor ends the run
        case .afterDescriptor:
            if byte.isHTMLWhitespace { return true }
            if byte == UInt8(ascii: ",") {
                state = .afterComma
                return true
            }
            return abandon(consumed: false)
        case .afterComma:
            if byte.isHTMLWhitespace { return true }
            if byte | 0x20 == UInt8(ascii: "h") {
                beginURL()
                return false
            }
            return abandon(consumed: false)
        }
    }

    /// Ends the current run (keeping its complete candidates) and returns to `.idle`.
    private mutating func abandon(consumed: Bool) -> Bool {
        endRun()
        state = .idle
        return consumed
    }

    private mutating func appendCandidate() {
        if runCount == 0 {
            runLine = tokenLine
        } else {
            run.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
        }
        run.append(contentsOf: token)
        run.append(UInt8(ascii: " "))
        run.append(contentsOf: descriptor)
        runCount += 1
        if run.count >= Self.maximumRunLength {
            endRun()
        }
    }

    private mutating func endRun() {
        guard runCount > 0 else { return }
        finished.append(Run(text: run, line: runLine))
        run.removeAll(keepingCapacity: run.capacity <= Self.maximumRunLength)
        runCount = 0
    }
}
