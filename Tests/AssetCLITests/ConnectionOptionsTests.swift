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
}
