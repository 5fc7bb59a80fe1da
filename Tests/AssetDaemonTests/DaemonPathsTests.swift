import AssetDaemon
import Testing

@Suite struct DaemonPathsTests {
    @Test func explicitPathsWinAndRelativeOnesUseTheWorkingDirectory() throws {
        let paths = try DaemonPaths.resolve(
            socket: "run/a.sock",
            stateDirectory: "/srv/state/",
            cacheDirectory: "cache",
            environment: ["STATE_DIRECTORY": "/var/lib/assetd", "HOME": "/h"],
            workingDirectory: "/home/me/"
        )
        #expect(
            paths
                == DaemonPaths(
                    stateDirectory: "/srv/state",
                    cacheDirectory: "/home/me/cache",
                    socket: "/home/me/run/a.sock"
                )
        )
    }

    @Test func withoutXDGRuntimeDirectoryTheSocketLivesInTheStateDirectory() throws {
        let paths = try DaemonPaths.resolve(
            socket: nil,
            stateDirectory: nil,
            cacheDirectory: nil,
            environment: ["HOME": "/home/me"],
            workingDirectory: "/"
        )
        #expect(paths.stateDirectory == "/home/me/.local/state/assetd")
        #expect(paths.cacheDirectory == "/home/me/.cache/assetd")
        #expect(paths.socket == "/home/me/.local/state/assetd/assetd.sock")
    }

    @Test func systemdDefaultsMatchTheUnit() throws {
        let paths = try DaemonPaths.resolve(
            socket: nil,
            stateDirectory: nil,
            cacheDirectory: nil,
            environment: ["STATE_DIRECTORY": "/var/lib/assetd", "CACHE_DIRECTORY": "/var/cache/assetd"],
            workingDirectory: "/"
        )
        #expect(
            paths
                == DaemonPaths(
                    stateDirectory: "/var/lib/assetd",
                    cacheDirectory: "/var/cache/assetd",
                    socket: "/run/assetd/assetd.sock"
                )
        )
    }

    @Test func missingHomeIsReportedForBothDirectories() {
        let error = #expect(throws: ConfigError.self) {
            try DaemonPaths.resolve(
                socket: nil,
                stateDirectory: nil,
                cacheDirectory: nil,
                environment: [:],
                workingDirectory: "/"
            )
        }
        #expect(error?.problems.compactMap(\.key) == ["state-dir", "cache-dir"])
    }

    @Test func socketPathOf107BytesIsAcceptedAnd108IsNot() throws {
        let fits = "/" + String(repeating: "a", count: 106)
        #expect(
            try DaemonPaths.resolve(
                socket: fits,
                stateDirectory: "/s",
                cacheDirectory: "/c",
                environment: [:],
                workingDirectory: "/"
            )
            .socket == fits
        )
        let error = #expect(throws: ConfigError.self) {
            try DaemonPaths.resolve(
                socket: fits + "a",
                stateDirectory: "/s",
                cacheDirectory: "/c",
                environment: [:],
                workingDirectory: "/"
            )
        }
        #expect(error?.problems.first?.message.contains("108 bytes") == true)
    }

    @Test func longStateDirectoryGivesALongDefaultSocketError() {
        let state = "/" + String(repeating: "d", count: 100)
        let error = #expect(throws: ConfigError.self) {
            try DaemonPaths.resolve(
                socket: nil,
                stateDirectory: state,
                cacheDirectory: "/c",
                environment: [:],
                workingDirectory: "/"
            )
        }
        #expect(error?.problems.map(\.key) == ["socket"])
        #expect(error?.problems.first?.message.contains(state + "/assetd.sock") == true)
    }
}
