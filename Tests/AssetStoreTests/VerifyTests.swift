import AssetStore
import Testing

@Suite
struct VerifyTests {
    @Test
    func intactObjectsPassAndProgressCountsEveryByte() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        var total: Int64 = 0
        for seed in 0..<5 {
            let bytes = sampleBytes(count: 10_000 * (seed + 1), seed: UInt64(seed))
            total += Int64(bytes.count)
            _ = try commitBytes(bytes, to: store)
        }
        var updates: [VerifyProgress] = []
        let report = try store.verify(progress: { updates.append($0) })
        #expect(report.objectsChecked == 5)
        #expect(report.bytesChecked == total)
        #expect(report.quarantined.isEmpty)
        #expect(updates.count == 5)
        #expect(updates.map(\.objectsChecked) == [1, 2, 3, 4, 5])
        #expect(
            updates.last == VerifyProgress(objectsChecked: 5, objectCount: 5, bytesChecked: total, byteCount: total)
        )
    }

    @Test
    func aCorruptedObjectIsQuarantinedAndReported() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let good = try commitBytes(sampleBytes(count: 4096, seed: 1), to: store)
        let bad = try commitBytes(sampleBytes(count: 4096, seed: 2), to: store)
        good.pin.release()
        bad.pin.release()
        overwriteFile(bad.path, with: sampleBytes(count: 4000, seed: 3))
        var updatedIndexFor: [ContentDigest] = []
        let report = try store.verify(beforeQuarantine: { updatedIndexFor.append($0) })
        #expect(report.quarantined == [bad.digest])
        #expect(updatedIndexFor == [bad.digest])
        #expect(!fileExists(bad.path))
        #expect(fileExists(good.path))
        let quarantined = directoryNames(store.layout.quarantineDirectory)
        #expect(quarantined.count == 1)
        #expect(quarantined.first?.hasPrefix(bad.digest.hex + ".") == true)
        let again = try store.verify()
        #expect(again.quarantined.isEmpty)
        #expect(again.objectsChecked == 1)
    }

    @Test
    func aPinnedCorruptedObjectIsReportedBusyAndLeft() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bad = try commitBytes(sampleBytes(count: 100, seed: 4), to: store)
        overwriteFile(bad.path, with: [0])
        let report = try store.verify()
        #expect(report.busy == [bad.digest])
        #expect(report.quarantined.isEmpty)
        #expect(fileExists(bad.path))
        bad.pin.release()
        #expect(try store.verify().quarantined == [bad.digest])
    }

    @Test
    func anEmptyStoreVerifiesToNothing() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let report = try store.verify()
        #expect(report.objectsChecked == 0)
        #expect(report.bytesChecked == 0)
        #expect(report.quarantined.isEmpty && report.busy.isEmpty && report.vanished.isEmpty && report.strays.isEmpty)
    }
}
