import AssetStore
import Testing

@Suite
struct ObjectLayoutTests {
    static let digest = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

    @Test
    func objectPathComesFromTheDigestAlone() throws {
        let layout = ObjectLayout(cacheDirectory: "/var/cache/assetd")
        let digest = try ContentDigest.parse(Self.digest)
        #expect(layout.objectPath(for: digest) == "/var/cache/assetd/objects/sha256/ba/\(Self.digest)")
        #expect(layout.shardDirectory(for: digest) == "/var/cache/assetd/objects/sha256/ba")
        #expect(layout.ingestDirectory == "/var/cache/assetd/ingest")
        #expect(layout.quarantineDirectory == "/var/cache/assetd/quarantine")
        #expect(layout.quarantinePath(for: digest, suffix: "1f") == "/var/cache/assetd/quarantine/\(Self.digest).1f")
    }

    @Test(arguments: ["/var/cache/assetd/", "/var/cache/assetd//"])
    func dropsTrailingSlashes(root: String) {
        #expect(ObjectLayout(cacheDirectory: root).cacheDirectory == "/var/cache/assetd")
    }

    @Test
    func keepsTheRootDirectory() {
        #expect(ObjectLayout(cacheDirectory: "/").cacheDirectory == "/")
    }

    @Test
    func hasTwoHundredFiftySixOrderedShards() {
        let names = ObjectLayout.shardNames
        #expect(names.count == 256)
        #expect(Set(names).count == 256)
        #expect(names.first == "00")
        #expect(names.last == "ff")
        #expect(names == names.sorted())
        #expect(names.allSatisfy { $0.count == 2 })
    }

    @Test
    func makesIngestNamesFromRandomBytes() {
        let name = ObjectLayout.makeIngestName(randomBytes: [0x00, 0x0f, 0xa0, 0xff])
        #expect(name == "000fa0ff.part")
        #expect(ObjectLayout.makeIngestName(randomBytes: Array(repeating: 0x11, count: 16)).count == 37)
    }

    @Test
    func classifiesShardEntries() throws {
        let digest = try ContentDigest.parse(Self.digest)
        #expect(ObjectLayout.classify(name: Self.digest, inShard: "ba") == .object(digest))
        #expect(ObjectLayout.classify(name: Self.digest, inShard: "bb") == .stray)
        #expect(ObjectLayout.classify(name: Self.digest.uppercased(), inShard: "BA") == .stray)
        #expect(ObjectLayout.classify(name: "\(Self.digest).part", inShard: "ba") == .stray)
        #expect(ObjectLayout.classify(name: "notes.txt", inShard: "ba") == .stray)
    }
}
