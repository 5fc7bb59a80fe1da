import AssetTestSupport
import Foundation
import Testing

/// Background and one-shot child processes for tests: environment, input, exit codes, signals, process groups.
@Suite(.timeLimit(.minutes(1)))
struct ChildProcessTests {
    @Test func runPassesEnvironmentAndInputAndCollectsOutput() async throws {
        let result = try await ProcessRunner.run(
            "sh",
            ["-c", "printf '%s' \"$GREETING\"; cat; echo oops >&2; exit 3"],
            environment: ["GREETING": "hello "],
            input: Array("world".utf8)
        )
        #expect(result.exitCode == 3)
        #expect(result.outputText == "hello world")
        #expect(result.standardError == "oops\n")
    }

    @Test func runKillsAProgramThatOverrunsItsTimeout() async throws {
        let clock = ContinuousClock()
        var result: ProcessResult?
        let elapsed = try await clock.measure {
            result = try await ProcessRunner.run("sleep", ["30"], timeout: .milliseconds(300))
        }
        #expect(result?.exitCode == 137)
        #expect(elapsed < .seconds(10))
    }

    @Test func missingProgramIsReported() async throws {
        let error = await #expect(throws: TestSupportError.self) {
            _ = try await ProcessRunner.run("no-such-program-assetd", [])
        }
        #expect(error?.code == .programMissing)
    }

    @Test func signalEndsTheChildWithTheSignalExitCode() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let child = try ChildProcess.start("sleep", ["30"], outputDirectory: scratch.path)
        #expect(child.isRunning)
        #expect(child.exitCode == nil)
        let early = await #expect(throws: TestSupportError.self) {
            _ = try await child.waitForExit(timeout: .milliseconds(50))
        }
        #expect(early?.code == .timedOut)
        child.signal(SIGTERM)
        #expect(try await child.waitForExit(timeout: .seconds(10)) == 143)
        #expect(!child.isRunning)
    }

    @Test func stopEscalatesToKillAndReachesTheWholeGroup() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let child = try ChildProcess.start(
            "sh",
            ["-c", "trap '' TERM; sleep 30 & while :; do sleep 0.1; done"],
            outputDirectory: scratch.path
        )
        try await Task.sleep(for: .milliseconds(200))
        let code = await child.stop(grace: .milliseconds(300))
        #expect(code == 137)
        // Nothing is left in the child's process group (the background sleep included).
        var gone = false
        for _ in 0..<100 where !gone {
            gone = kill(-child.pid, 0) != 0
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(gone)
    }

    @Test func workingDirectoryAndRemovedVariablesApply() async throws {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let child = try ChildProcess.start(
            "sh",
            ["-c", "pwd; echo \"[${HOME-unset}]\""],
            removingEnvironment: ["HOME"],
            workingDirectory: scratch.path,
            outputDirectory: scratch.path
        )
        #expect(try await child.waitForExit(timeout: .seconds(10)) == 0)
        let resolved = URL(fileURLWithPath: scratch.path).resolvingSymlinksInPath().path
        #expect(child.outputText == "\(resolved)\n[unset]\n")
    }
}
