import AssetStore
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite
struct IngestWriterTests {
    @Test
    func commitPublishesAReadOnlyFileAtTheDigestPath() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 40_000, seed: 1)
        let writer = try store.makeWriter()
        for start in stride(from: 0, to: bytes.count, by: 16_384) {
            try writer.write(contentsOf: Array(bytes[start..<min(bytes.count, start + 16_384)]))
        }
        #expect(writer.byteCount == 40_000)
        let committed = try writer.commit(expectedLength: 40_000)
        let expected = SHA256Hasher.digest(of: bytes)
        #expect(committed.digest == expected)
        #expect(committed.byteCount == 40_000)
        #expect(committed.isNew)
        #expect(committed.path == store.layout.objectPath(for: expected))
        #expect(readFile(committed.path) == bytes)
        #expect(fileMode(committed.path) == 0o444)
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
    }

    @Test
    func writesIntoAPrivateFileInIngestWhileOpen() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let writer = try store.makeWriter()
        try writer.write(contentsOf: [1, 2, 3])
        let names = directoryNames(store.layout.ingestDirectory)
        #expect(names.count == 1)
        let name = try #require(names.first)
        #expect(name.hasSuffix(".part"))
        #expect(writer.temporaryPath == store.layout.ingestPath(named: name))
        #expect(fileMode(writer.temporaryPath) == 0o600)
        #expect(readFile(writer.temporaryPath) == [1, 2, 3])
        writer.abort()
    }

    @Test
    func lengthMismatchRemovesTheTemporaryFileAndPublishesNothing() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 1000, seed: 2)
        let writer = try store.makeWriter()
        try writer.write(contentsOf: bytes)
        let error = try #require(throws: StoreError.self) { try writer.commit(expectedLength: 1001) }
        #expect(error.code == .lengthMismatch)
        #expect(error.message.contains(writer.temporaryPath))
        #expect(!fileExists(writer.temporaryPath))
        #expect(!fileExists(store.path(for: SHA256Hasher.digest(of: bytes))))
        #expect(try store.listObjects().objects.isEmpty)
    }

    @Test
    func abortRemovesTheTemporaryFile() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let writer = try store.makeWriter()
        try writer.write(contentsOf: sampleBytes(count: 5000, seed: 3))
        writer.abort()
        #expect(!fileExists(writer.temporaryPath))
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
        writer.abort()
    }

    @Test
    func releasingAnOpenWriterAbortsIt() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        var writer: IngestWriter? = try store.makeWriter()
        try writer?.write(contentsOf: [9, 9, 9])
        #expect(directoryNames(store.layout.ingestDirectory).count == 1)
        writer = nil
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
    }

    @Test
    func committingStoredBytesAgainDeduplicates() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let bytes = sampleBytes(count: 3000, seed: 4)
        let first = try commitBytes(bytes, to: store)
        let second = try commitBytes(bytes, to: store)
        #expect(first.isNew)
        #expect(!second.isNew)
        #expect(first.digest == second.digest)
        #expect(try store.listObjects().objects.map(\.digest) == [first.digest])
        #expect(directoryNames(store.layout.ingestDirectory).isEmpty)
    }

    @Test
    func aClosedWriterRefusesMoreCalls() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let writer = try store.makeWriter()
        try writer.write(contentsOf: [1])
        _ = try writer.commit(expectedLength: nil)
        let writeError = try #require(throws: StoreError.self) { try writer.write(contentsOf: [2]) }
        #expect(writeError.code == .writerClosed)
        let commitError = try #require(throws: StoreError.self) { try writer.commit(expectedLength: nil) }
        #expect(commitError.code == .writerClosed)
    }

    @Test
    func commitsAnEmptyObject() throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let committed = try commitBytes([], to: store)
        #expect(committed.digest.hex == ContentDigestTests.emptyDigest)
        #expect(fileExists(committed.path))
        #expect(readFile(committed.path).isEmpty)
    }

    @Test(arguments: Durability.allCases)
    func bothDurabilitiesPublishTheSameObject(durability: Durability) throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch, durability: durability)
        let bytes = sampleBytes(count: 32_768, seed: 5)
        let committed = try commitBytes(bytes, to: store)
        #expect(readFile(committed.path) == bytes)
        #expect(fileMode(committed.path) == 0o444)
    }

    @Test
    func committedObjectStaysPinnedUntilReleased() async throws {
        let scratch = try ScratchDirectory()
        let store = try makeObjectStore(in: scratch)
        let committed = try commitBytes([7, 7], to: store)
        #expect(store.pinnedDigests == [committed.digest])
        #expect(try await !store.removeUnlessPinned(committed.digest))
        committed.pin.release()
        #expect(store.pinnedDigests.isEmpty)
        #expect(try await store.removeUnlessPinned(committed.digest))
        #expect(!fileExists(committed.path))
    }
}
