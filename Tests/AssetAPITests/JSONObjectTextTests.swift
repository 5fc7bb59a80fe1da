import AssetAPI
import Foundation
import Testing

/// The hand-written event JSON must be the text `JSONEncoder` gives, byte for byte, since clients of either build
/// (and the documented examples) see it.
@Suite struct JSONObjectTextTests {
    /// Every ASCII character, a few that JSON writers treat specially, and some beyond the BMP.
    static let awkwardText =
        String((0..<128).map { Character(Unicode.Scalar(UInt8($0))) })
        + "é ü \u{2028}\u{2029} \u{FEFF} 🧪 中文 \\\"/ \r\n"

    static let transitions: [AssetTransition] = [
        AssetTransition(
            assetID: 7,
            url: "https://img.example/a/768.jpg?x=1&y=2",
            articleIDs: [1, 3, 9_000_000_000],
            from: .fetching,
            to: .cached,
            sha256: String(repeating: "ab", count: 32),
            byteCount: 12345,
            at: Date(timeIntervalSince1970: 1_700_000_000.987)
        ),
        AssetTransition(assetID: 1, url: "http://x/", from: nil, to: .queued, at: Date(timeIntervalSince1970: 0)),
        AssetTransition(
            assetID: Int64.max,
            url: awkwardText,
            articleIDs: [],
            from: .fetching,
            to: .failed,
            error: AssetFailure(code: "http404", message: awkwardText),
            at: Date(timeIntervalSince1970: 1_800_000_000.5)
        ),
        AssetTransition(
            assetID: -1,
            url: "",
            articleIDs: [Int64.min],
            from: .cached,
            to: .evicted,
            sha256: "",
            byteCount: 0,
            error: AssetFailure(code: "", message: ""),
            at: Date(timeIntervalSince1970: -86_400.25)
        ),
    ]

    @Test(arguments: transitions)
    func aTransitionIsWrittenAsJSONEncoderWritesIt(transition: AssetTransition) throws {
        #expect(transition.jsonText == (try wireText(transition)))
        #expect(try APIJSON.decode(AssetTransition.self, from: Data(transition.jsonText.utf8)).url == transition.url)
    }

    @Test func eachSingleCharacterStringIsEscapedAsJSONEncoderEscapesIt() throws {
        for scalar in (0..<0x80).compactMap(Unicode.Scalar.init) + ["\u{7F}", "\u{80}", "\u{2028}", "\u{10FFFF}"] {
            let failure = AssetFailure(code: String(scalar), message: "a\(scalar)b")
            #expect(failure.jsonObject.finished == (try wireText(failure)), "U+\(String(scalar.value, radix: 16))")
        }
    }

    @Test func anAssetEventFrameCarriesTheTransitionOnOneDataLine() throws {
        let transition = Self.transitions[2]
        let frame = try ServerEvent.asset(transition).frame(id: "12")
        #expect(frame.encoded == "event: asset\nid: 12\ndata: \(try wireText(transition))\n\n")
        #expect(try ServerEvent.decode(frame) == .asset(transition.withWholeSeconds))
    }
}

extension AssetTransition {
    /// The transition as it reads back from JSON, whose dates keep whole seconds only.
    fileprivate var withWholeSeconds: AssetTransition {
        var copy = self
        copy.at = Date(timeIntervalSince1970: at.timeIntervalSince1970.rounded(.down))
        return copy
    }
}
