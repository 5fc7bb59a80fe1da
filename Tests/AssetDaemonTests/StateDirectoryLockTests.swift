import AssetDaemon
import Foundation
import Testing

@Suite struct StateDirectoryLockTests {
    @Test func secondOpenIsRefusedWithPathAndPID() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = directory.file("assetd.lock")
        let first = try StateDirectoryLock.acquire(path: path, pid: 4242)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "4242\n")
        let error = #expect(throws: DaemonError.self) { try StateDirectoryLock.acquire(path: path) }
        #expect(error?.code == .stateDirectoryLocked)
        #expect(error?.message.contains(path) == true)
        #expect(error?.message.contains("pid 4242") == true)
        #expect(first.isHeld)
        // The refused attempt must not have clobbered the holder's record.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "4242\n")
    }

    @Test func releaseLetsTheNextHolderIn() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = directory.file("assetd.lock")
        let first = try StateDirectoryLock.acquire(path: path, pid: 1)
        first.release()
        first.release()
        #expect(!first.isHeld)
        let second = try StateDirectoryLock.acquire(path: path, pid: 2)
        #expect(second.isHeld)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "2\n")
    }

    @Test func anotherProcessCannotTakeTheLockWhileHeld() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let path = directory.file("assetd.lock")
        func otherProcessCanLock() throws -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/flock")
            process.arguments = ["--nonblock", "--exclusive", path, "true"]
            try process.run()
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        // flock(1) comes with util-linux, which every Debian system has.
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/flock"))
        let lock = try StateDirectoryLock.acquire(path: path)
        #expect(try !otherProcessCanLock())
        lock.release()
        #expect(try otherProcessCanLock())
    }

    @Test func missingDirectoryIsALockFailure() {
        let error = #expect(throws: DaemonError.self) {
            try StateDirectoryLock.acquire(path: "/nonexistent/dir/assetd.lock")
        }
        #expect(error?.code == .lockFailed)
        #expect(error?.message.contains("/nonexistent/dir/assetd.lock") == true)
    }
}
