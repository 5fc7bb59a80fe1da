import AssetStore
import Testing

@Suite
struct EvictionTests {
    static func digest(_ seed: UInt8) -> ContentDigest {
        SHA256Hasher.digest(of: [seed])
    }

    static func candidate(_ seed: UInt8, bytes: Int64, access: Int64) -> EvictionCandidate {
        EvictionCandidate(digest: digest(seed), byteCount: bytes, lastAccess: access)
    }

    @Test
    func nothingIsEvictedWithinTheLimit() {
        let plan = EvictionPlan.make(
            candidates: [Self.candidate(1, bytes: 100, access: 1), Self.candidate(2, bytes: 100, access: 2)],
            limit: 200
        )
        #expect(plan.victims.isEmpty)
        #expect(plan.bytesFreed == 0)
        #expect(plan.bytesRemaining == 200)
    }

    @Test
    func evictsLeastRecentlyUsedFirstUntilUnderTheLimit() {
        let candidates = [
            Self.candidate(1, bytes: 100, access: 30),
            Self.candidate(2, bytes: 100, access: 10),
            Self.candidate(3, bytes: 100, access: 20),
            Self.candidate(4, bytes: 100, access: 40),
        ]
        let plan = EvictionPlan.make(candidates: candidates, limit: 250)
        #expect(plan.victims == [Self.digest(2), Self.digest(3)])
        #expect(plan.bytesFreed == 200)
        #expect(plan.bytesRemaining == 200)
    }

    @Test
    func neverChoosesPinnedObjects() {
        let candidates = [
            Self.candidate(1, bytes: 100, access: 1),
            Self.candidate(2, bytes: 100, access: 2),
            Self.candidate(3, bytes: 100, access: 3),
        ]
        let plan = EvictionPlan.make(candidates: candidates, limit: 150, pinned: [Self.digest(1)])
        #expect(plan.victims == [Self.digest(2), Self.digest(3)])
        #expect(plan.bytesRemaining == 100)
    }

    @Test
    func pinnedObjectsAloneMayKeepTheTotalAboveTheLimit() {
        let candidates = [Self.candidate(1, bytes: 500, access: 1), Self.candidate(2, bytes: 10, access: 2)]
        let plan = EvictionPlan.make(candidates: candidates, limit: 100, pinned: [Self.digest(1)])
        #expect(plan.victims == [Self.digest(2)])
        #expect(plan.bytesRemaining == 500)
    }

    @Test
    func breaksAccessTiesByDigestSoPlansAreDeterministic() {
        let tied = (1...6).map { Self.candidate(UInt8($0), bytes: 10, access: 5) }
        let plan = EvictionPlan.make(candidates: tied, limit: 30)
        let reversed = EvictionPlan.make(candidates: tied.reversed(), limit: 30)
        #expect(plan == reversed)
        #expect(plan.victims == tied.map(\.digest).sorted().prefix(3).map { $0 })
    }

    @Test
    func aLimitOfZeroEvictsEverythingUnpinned() {
        let candidates = (1...4).map { Self.candidate(UInt8($0), bytes: Int64($0), access: Int64(10 - $0)) }
        let plan = EvictionPlan.make(candidates: candidates, limit: 0)
        #expect(plan.victims == [Self.digest(4), Self.digest(3), Self.digest(2), Self.digest(1)])
        #expect(plan.bytesRemaining == 0)
        #expect(plan.bytesFreed == 10)
    }
}
