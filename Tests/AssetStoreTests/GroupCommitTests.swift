import AssetStore
import Foundation
import Synchronization
import Testing

@Suite
struct GroupCommitTests {
    /// What a flush saw: the batches in order, and whether two flushes ever overlapped.
    final class FlushLog: Sendable {
        let batches = Mutex<[[Int]]>([])
        let active = Atomic<Int>(0)
        let overlapped = Atomic<Bool>(false)

        func flush(_ items: [Int], pause: Duration) async -> [Result<Int, StoreError>] {
            if active.add(1, ordering: .relaxed).newValue > 1 {
                overlapped.store(true, ordering: .relaxed)
            }
            try? await Task.sleep(for: pause)
            batches.withLock { $0.append(items) }
            active.subtract(1, ordering: .relaxed)
            return items.map {
                $0 % 7 == 3 ? .failure(StoreError(.illegalTransition, "item \($0)")) : .success($0 * 10)
            }
        }
    }

    @Test
    func concurrentCallersShareBatchesAndEachGetsItsOwnResult() async throws {
        let log = FlushLog()
        let group = GroupCommit<Int, Int> { items in await log.flush(items, pause: .milliseconds(20)) }
        let results = await withTaskGroup(of: (Int, Result<Int, StoreError>).self) { tasks in
            for item in 0..<200 {
                tasks.addTask {
                    do throws(StoreError) {
                        return (item, .success(try await group.submit(item)))
                    } catch {
                        return (item, .failure(error))
                    }
                }
            }
            var results: [Int: Result<Int, StoreError>] = [:]
            for await (item, result) in tasks {
                results[item] = result
            }
            return results
        }
        #expect(results.count == 200)
        for (item, result) in results {
            switch result {
            case .success(let value): #expect(item % 7 != 3 && value == item * 10)
            case .failure(let error): #expect(item % 7 == 3 && error.message == "item \(item)")
            }
        }
        let batches = log.batches.withLock { $0 }
        #expect(batches.flatMap { $0 }.sorted() == Array(0..<200), "every item written exactly once")
        #expect(batches.count < 200 / 4, "\(batches.count) flushes for 200 concurrent items")
        let overlapped = log.overlapped.load(ordering: .relaxed)
        #expect(!overlapped, "two flushes ran at once")
    }

    @Test
    func aCallerAloneIsWrittenAtOnce() async throws {
        let log = FlushLog()
        let group = GroupCommit<Int, Int> { items in await log.flush(items, pause: .zero) }
        for item in [1, 2, 4] {
            #expect(try await group.submit(item) == item * 10)
        }
        #expect(log.batches.withLock { $0 } == [[1], [2], [4]])
    }

    @Test
    func aFailedFlushFailsItsCallersAndTheNextBatchStillRuns() async throws {
        let calls = Atomic<Int>(0)
        let group = GroupCommit<Int, Int> { (items) throws(StoreError) in
            if calls.add(1, ordering: .relaxed).newValue == 1 {
                throw StoreError(.noSpace, "disk full")
            }
            return items.map { .success($0) }
        }
        let failure = await #expect(throws: StoreError.self) { _ = try await group.submit(1) }
        #expect(failure?.code == .noSpace)
        #expect(try await group.submit(2) == 2)
    }

    @Test
    func aBatchThatReturnsTooFewResultsFailsTheRestInsteadOfHanging() async throws {
        let group = GroupCommit<Int, Int> { _ in [] }
        let failure = await #expect(throws: StoreError.self) { _ = try await group.submit(1) }
        #expect(failure?.code == .database)
    }
}
