import AssetTestSupport
import Crypto
import Testing

struct TestContentTests {
    @Test func sameSeedGivesSameBytesAndOtherSeedsDiffer() {
        let first = TestContent.bytes(count: 1000, seed: 42)
        #expect(first == TestContent.bytes(count: 1000, seed: 42))
        #expect(first != TestContent.bytes(count: 1000, seed: 43))
        #expect(Set(first).count > 200)
    }

    @Test(arguments: [0, 1, 5, 7, 8, 9, 15, 16, 1023])
    func slicesAtAnyOffsetMatchTheWholeBody(offset: Int) {
        let whole = TestContent.bytes(count: 2048, seed: 3)
        let slice = TestContent.bytes(count: 2048 - offset - 3, seed: 3, offset: offset)
        #expect(slice[...] == whole[offset..<(2045)])
    }

    @Test func chunksConcatenateToTheWholeBody() {
        var collected: [UInt8] = []
        TestContent.forEachChunk(count: 10_007, seed: 11, chunkSize: 999) { collected.append(contentsOf: $0) }
        #expect(collected == TestContent.bytes(count: 10_007, seed: 11))
    }

    @Test func digestMatchesSHA256OfTheBytes() {
        let bytes = TestContent.bytes(count: 300_001, seed: 5)
        let expected = TestContent.hexString(SHA256.hash(data: bytes))
        #expect(TestContent.sha256Hex(count: 300_001, seed: 5) == expected)
        #expect(TestContent.sha256Hex(count: 300_001, seed: 5) == expected)
        #expect(expected.count == 64)
    }

    @Test func emptyBodyHasTheKnownEmptyDigest() {
        #expect(
            TestContent.sha256Hex(count: 0, seed: 1)
                == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        )
    }

    @Test func seedZeroIsNotAllZeros() {
        #expect(TestContent.bytes(count: 16, seed: 0).contains { $0 != 0 })
    }
}
