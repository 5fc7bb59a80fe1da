import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// The two ways of not reaching the daemon: nobody listening, and a socket we may not open (both exit 3).
@Suite("assetctl when assetd cannot be reached", .timeLimit(.minutes(1)))
struct ReachabilityTests {
    typealias Scratch = DaemonCommandBinaryTests.Scratch

    static let notRunning = "is it running? (systemctl status assetd)"

    @Test("no socket file: the daemon is not running")
    func missingSocket() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let run = try AssetctlProcess.run(["status", "--socket", scratch.socket])
        #expect(run.status == 3)
        #expect(run.standardError == "error: cannot reach assetd at \(scratch.socket): \(Self.notRunning)\n")
    }

    @Test("a socket file nobody listens on (a crashed daemon) reads the same")
    func staleSocket() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let daemon = try CannedDaemon(socketPath: scratch.socket) { _ in .json("{}") }
        // Close the listener but keep the file, as a killed daemon leaves it.
        let link = scratch.path + "/keep"
        try #require(Glibc.link(scratch.socket, link) == 0)
        daemon.stop()
        try #require(rename(link, scratch.socket) == 0)
        let run = try AssetctlProcess.run(["ls", "--socket", scratch.socket])
        #expect(run.status == 3)
        #expect(run.standardError == "error: cannot reach assetd at \(scratch.socket): \(Self.notRunning)\n")
    }

    @Test(
        "a socket without permission says so, differently from a daemon that is not running",
        .enabled(if: getuid() == 0, "needs root to run assetctl as another user"),
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "setpriv (util-linux) is missing"
        )
    )
    func permissionDenied() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try #require(chmod(scratch.path, 0o755) == 0)
        let daemon = try CannedDaemon(socketPath: scratch.socket) { _ in .json("{}") }
        defer { daemon.stop() }
        try #require(chmod(scratch.socket, 0o660) == 0)
        let run = try AssetctlProcess.run(["status", "--socket", scratch.socket], asNobody: true)
        #expect(run.status == 3)
        #expect(run.standardError.hasPrefix("error: permission denied on \(scratch.socket): "))
        #expect(!run.standardError.contains(Self.notRunning))
        #expect(daemon.requests.isEmpty)
        // The same binary and user do reach a socket they may open.
        try #require(chmod(scratch.socket, 0o666) == 0)
        let allowed = try AssetctlProcess.run(["status", "--json", "--socket", scratch.socket], asNobody: true)
        #expect(allowed.status != 3)
        #expect(daemon.requests.count == 1)
    }
}
