import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// Stopping the daemon in the middle of a large enqueue, gracefully and with SIGKILL.
@Suite("end to end: interrupted enqueues", .timeLimit(.minutes(2)))
struct InterruptionTests {
    @Test("a restart in the middle loses nothing and fetches nothing already cached again")
    func gracefulRestart() async throws {
        let (daemon, _) = try await LargeArticle.interruptedRun(signal: SIGTERM)
        defer { daemon.setup.scratch.remove() }
        #expect(await daemon.stop() == 0, "\(daemon.log)")
    }

    @Test("after kill -9 in the middle every asset ends cached and verify is clean")
    func killNine() async throws {
        let (daemon, _) = try await LargeArticle.interruptedRun(signal: SIGKILL)
        defer { daemon.setup.scratch.remove() }
        let verify = try await Binaries.assetctl(["verify"], socket: daemon.setup.socket, timeout: .seconds(60))
        #expect(verify.exitCode == 0, "\(verify.outputText)\(verify.standardError)")
        #expect(verify.outputText.hasPrefix("checked "))
        #expect(verify.outputText.contains(": all intact"))
        let result = try await Binaries.json(VerifyResult.self, ["verify"], socket: daemon.setup.socket)
        #expect(result.isClean && result.checked >= LargeArticle.imageCount)
        #expect(await daemon.stop() == 0, "\(daemon.log)")
    }
}
