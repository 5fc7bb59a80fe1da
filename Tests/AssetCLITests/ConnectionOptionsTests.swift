import ArgumentParser
import AssetAPI
import AssetCLI
import Testing

@Suite("choosing the socket")
struct ConnectionOptionsTests {
    static func options(_ arguments: [String]) throws -> ConnectionOptions {
        try ConnectionOptions.parse(arguments)
    }

    @Test("--socket beats $ASSETD_SOCKET, which beats the defaults")
    func precedence() throws {
        let environment = ["ASSETD_SOCKET": "/tmp/env.sock", "HOME": "/home/u", "XDG_RUNTIME_DIR": "/run/user/1000"]
        #expect(
            try Self.options(["--socket", "/tmp/flag.sock"]).socketPath(environment: environment) == "/tmp/flag.sock"
        )
        #expect(try Self.options([]).socketPath(environment: environment) == "/tmp/env.sock")
    }

    @Test("without flag or variable, an absent per-user socket falls back as DaemonLocations says")
    func defaults() throws {
        let environment = ["HOME": "/nonexistent-home", "XDG_RUNTIME_DIR": "/nonexistent-run"]
        let expected = DaemonLocations.clientSocketPath(flag: nil, environment: environment) { _ in false }
        #expect(try Self.options([]).socketPath(environment: environment) == expected)
        #expect(expected == "/nonexistent-run/assetd/assetd.sock")
    }

    @Test("a --socket longer than a Unix socket allows is a usage error")
    func longFlag() {
        let long = "/tmp/" + String(repeating: "s", count: DaemonLocations.maximumSocketPathBytes)
        do {
            _ = try AssetctlCommand.parseAsRoot(["status", "--socket", long])
            Issue.record("a \(long.utf8.count)-byte socket path was accepted")
        } catch {
            #expect(CLIExitStatus.forError(error, root: AssetctlCommand.self) == CLIExitStatus.usage)
        }
    }

    @Test("an $ASSETD_SOCKET longer than a Unix socket allows is bad configuration (78), naming the variable")
    func longEnvironment() throws {
        let long = "/tmp/" + String(repeating: "e", count: DaemonLocations.maximumSocketPathBytes)
        let options = try Self.options([])
        #expect(throws: CLIFailure.self) {
            _ = try options.makeClient(environment: ["ASSETD_SOCKET": long])
        }
        do {
            _ = try options.makeClient(environment: ["ASSETD_SOCKET": long])
        } catch {
            #expect(error.exitCode == CLIExitStatus.badConfiguration)
            #expect(error.message.hasPrefix("$ASSETD_SOCKET /tmp/eee"))
        }
        let fits = try options.makeClient(environment: ["ASSETD_SOCKET": "/tmp/a.sock"])
        #expect(fits.socketPath == "/tmp/a.sock")
    }
}
