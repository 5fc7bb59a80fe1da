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
        #expect(report.damaged.isEmpty)
        #expect(updates.count == 5)
        #expect(updates.map(\.objectsChecked) == [1, 2, 3, 4, 5])
        #expect(
            updates.last == VerifyProgress(objectsChecked: 5, objectCount: 5, bytesChecked: total, byteCount: total)
        )
    }

    @Test
    func aCorruptedObjectIsReportedThenQuarantined() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let good = try commitBytes(sampleBytes(count: 4096, seed: 1), to: store)
        let bad = try commitBytes(sampleBytes(count: 4096, seed: 2), to: store)
        good.pin.release()
        bad.pin.release()
        overwriteFile(bad.path, with: sampleBytes(count: 4000, seed: 3))
        let report = try store.verify()
        #expect(report.damaged == [bad.digest])
        #expect(report.objectsChecked == 2)
        #expect(report.bytesChecked == 8096)
        var updatedIndex = false
        #expect(try await store.quarantine(bad.digest) { updatedIndex = true })
        #expect(updatedIndex)
        #expect(!fileExists(bad.path))
        #expect(fileExists(good.path))
        let quarantined = directoryNames(store.layout.quarantineDirectory)
        #expect(quarantined.count == 1)
        #expect(quarantined.first?.hasPrefix(bad.digest.hex + ".") == true)
        let again = try store.verify()
        #expect(again.damaged.isEmpty)
        #expect(again.objectsChecked == 1)
    }

    @Test
    func aPinnedObjectIsNotQuarantined() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bad = try commitBytes(sampleBytes(count: 100, seed: 4), to: store)
        overwriteFile(bad.path, with: [0])
        #expect(try store.verify().damaged == [bad.digest])
        #expect(try await !store.quarantine(bad.digest))
        #expect(fileExists(bad.path))
        bad.pin.release()
        #expect(try await store.quarantine(bad.digest))
        #expect(!fileExists(bad.path))
    }

    @Test
    func strayEntriesAreReportedNotHashed() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let stray = "\(store.layout.objectsDirectory)/ab/notes.txt"
        writeFile(stray, [1, 2, 3])
        let report = try store.verify()
        #expect(report.strays == [stray])
        #expect(report.objectsChecked == 0)
        try store.quarantineStray(at: stray)
        #expect(!fileExists(stray))
        #expect(directoryNames(store.layout.quarantineDirectory).first?.hasPrefix("stray.") == true)
    }

    @Test
    func anEmptyStoreVerifiesToNothing() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let report = try store.verify()
        #expect(report.objectsChecked == 0)
        #expect(report.bytesChecked == 0)
        #expect(report.damaged.isEmpty && report.vanished.isEmpty && report.strays.isEmpty)
    }
}
