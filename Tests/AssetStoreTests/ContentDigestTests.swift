import AssetStore
import Testing

@Suite
struct ContentDigestTests {
    // SHA-256 test vectors from FIPS 180-2, appendix B ("abc") and the well-known digest of the empty string.
    static let emptyDigest = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    static let abcDigest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test
    func parsesSixtyFourLowercaseHexDigits() throws {
        let digest = try ContentDigest.parse(Self.abcDigest)
        #expect(digest.hex == Self.abcDigest)
        #expect(digest.shard == "ba")
        #expect(digest.description == "sha256:\(Self.abcDigest)")
    }

    @Test(arguments: [
        "",
        "ba7816bf",
        String(repeating: "a", count: 63),
        String(repeating: "a", count: 65),
        "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD",
        "Ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a ",
        " ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a",
        "ga7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        "../../../../etc/passwd/../../../../../../../../../../../../../..",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015a\u{00e9}",
        "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f2001",
    ])
    func rejectsAnythingElse(text: String) {
        #expect(ContentDigest(hex: text) == nil)
        #expect(throws: StoreError.self) { try ContentDigest.parse(text) }
        do {
            _ = try ContentDigest.parse(text)
        } catch {
            #expect(error.code == .invalidDigest)
        }
    }

    @Test
    func hashesTheStandardVectors() {
        #expect(SHA256Hasher.digest(of: []).hex == Self.emptyDigest)
        #expect(SHA256Hasher.digest(of: Array("abc".utf8)).hex == Self.abcDigest)
    }

    @Test
    func incrementalHashingEqualsOneShot() {
        let bytes = sampleBytes(count: 100_003, seed: 7)
        var hasher = SHA256Hasher()
        var offset = 0
        for size in [1, 0, 4095, 65_536, 7] + Array(repeating: 10_000, count: 10) {
            let end = min(bytes.count, offset + size)
            bytes[offset..<end].withUnsafeBytes { hasher.update($0) }
            offset = end
        }
        bytes[offset...].withUnsafeBytes { hasher.update($0) }
        #expect(hasher.finalize() == SHA256Hasher.digest(of: bytes))
    }

    @Test
    func ordersByHexText() throws {
        let low = try ContentDigest.parse(String(repeating: "0", count: 64))
        let high = try ContentDigest.parse(String(repeating: "f", count: 64))
        #expect(low < high)
        #expect([high, low].sorted() == [low, high])
    }
}
