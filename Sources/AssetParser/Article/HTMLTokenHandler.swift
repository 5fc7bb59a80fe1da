/// Receives what `HTMLTokenizer` finds; positions are indices into the chunk being scanned.
protocol HTMLTokenHandler {
    /// A start tag whose kind collects attributes (`img`, `source`, `link`, `base`, `meta`), `<picture>` or
    /// `<noscript>`.
    mutating func startTag(_ kind: HTMLTagKind, attributes: TagAttributes, line: Int)
    /// An end tag `</picture>` or `</noscript>`.
    mutating func endTag(_ kind: HTMLTagKind)
    /// Text between tags (never inside raw-text elements, comments or tags).
    mutating func text(_ chunk: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int, lines: inout LineCounter)
    /// Markup interrupted the text: it reads as whitespace to whoever scans text.
    mutating func textBreak()
}
