import AssetStore
import Testing

@Suite
struct GarbageCollectionTests {
    static func digest(_ seed: UInt8) -> ContentDigest {
        SHA256Hasher.digest(of: [seed])
    }

    @Test
    func findsOrphansAndMissingObjects() {
        let plan = GarbageCollectionPlan.make(
            onDisk: [Self.digest(1), Self.digest(2), Self.digest(3)],
            indexed: [Self.digest(2), Self.digest(3), Self.digest(4)]
        )
        #expect(plan.orphans == [Self.digest(1)])
        #expect(plan.missing == [Self.digest(4)])
    }

    @Test
    func pinnedFilesAreNotOrphansYet() {
        let plan = GarbageCollectionPlan.make(
            onDisk: [Self.digest(1), Self.digest(2)],
            indexed: [],
            pinned: [Self.digest(2)]
        )
        #expect(plan.orphans == [Self.digest(1)])
        #expect(plan.missing.isEmpty)
    }

    @Test
    func aConsistentStoreNeedsNothing() {
        let all: Set = [Self.digest(1), Self.digest(2)]
        let plan = GarbageCollectionPlan.make(onDisk: all, indexed: all)
        #expect(plan.orphans.isEmpty)
        #expect(plan.missing.isEmpty)
    }

    @Test
    func resultsAreSorted() {
        let digests = (0..<20).map { Self.digest(UInt8($0)) }
        let plan = GarbageCollectionPlan.make(onDisk: Set(digests), indexed: [])
        #expect(plan.orphans == digests.sorted())
    }
}
