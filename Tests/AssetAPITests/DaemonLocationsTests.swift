import AssetAPI
import Testing

@Suite struct DaemonLocationsTests {
    @Test func xdgDirectoriesWinOverHome() {
        let env = [
            "HOME": "/home/u", "XDG_STATE_HOME": "/xs", "XDG_CACHE_HOME": "/xc", "XDG_RUNTIME_DIR": "/run/user/1000",
        ]
        #expect(DaemonLocations.stateDirectory(environment: env) == "/xs/assetd")
        #expect(DaemonLocations.cacheDirectory(environment: env) == "/xc/assetd")
        #expect(
            DaemonLocations.socketPath(environment: env, stateDirectory: "/xs/assetd")
                == "/run/user/1000/assetd/assetd.sock"
        )
        #expect(!DaemonLocations.isSystemdService(environment: env))
    }

    @Test func homeFallbacksAndSocketInStateDirectory() {
        let env = ["HOME": "/home/u/", "XDG_STATE_HOME": "relative/ignored"]
        #expect(DaemonLocations.stateDirectory(environment: env) == "/home/u/.local/state/assetd")
        #expect(DaemonLocations.cacheDirectory(environment: env) == "/home/u/.cache/assetd")
        #expect(
            DaemonLocations.socketPath(environment: env, stateDirectory: "/home/u/.local/state/assetd")
                == "/home/u/.local/state/assetd/assetd.sock"
        )
    }

    @Test func noHomeAndNoXDGGivesNoDefault() {
        #expect(DaemonLocations.stateDirectory(environment: [:]) == nil)
        #expect(DaemonLocations.cacheDirectory(environment: ["HOME": "not/absolute"]) == nil)
    }

    @Test func systemdDirectoriesWin() {
        let env = [
            "HOME": "/root", "XDG_RUNTIME_DIR": "/run/user/0", "STATE_DIRECTORY": "/var/lib/assetd:/var/lib/other",
            "CACHE_DIRECTORY": "/var/cache/assetd", "RUNTIME_DIRECTORY": "/run/assetd",
        ]
        #expect(DaemonLocations.isSystemdService(environment: env))
        #expect(DaemonLocations.stateDirectory(environment: env) == DaemonLocations.systemStateDirectory)
        #expect(DaemonLocations.cacheDirectory(environment: env) == DaemonLocations.systemCacheDirectory)
        #expect(
            DaemonLocations.socketPath(environment: env, stateDirectory: "/var/lib/assetd")
                == DaemonLocations.systemSocketPath
        )
    }

    @Test func systemdWithoutRuntimeDirectoryUsesRunAssetd() {
        let env = ["STATE_DIRECTORY": "/var/lib/assetd"]
        #expect(
            DaemonLocations.socketPath(environment: env, stateDirectory: "/var/lib/assetd") == "/run/assetd/assetd.sock"
        )
        #expect(DaemonLocations.cacheDirectory(environment: env) == "/var/cache/assetd")
    }

    @Test func clientPrefersFlagThenVariableThenExistingCandidate() {
        let env = ["HOME": "/home/u", "XDG_RUNTIME_DIR": "/run/user/7"]
        let user = "/run/user/7/assetd/assetd.sock"
        #expect(DaemonLocations.clientSocketCandidates(environment: env) == [user, "/run/assetd/assetd.sock"])
        #expect(DaemonLocations.clientSocketPath(flag: "/f.sock", environment: env) { _ in true } == "/f.sock")
        var withVariable = env
        withVariable["ASSETD_SOCKET"] = "/v.sock"
        #expect(DaemonLocations.clientSocketPath(flag: nil, environment: withVariable) { _ in true } == "/v.sock")
        #expect(DaemonLocations.clientSocketPath(flag: nil, environment: env) { $0 == user } == user)
        #expect(
            DaemonLocations.clientSocketPath(flag: nil, environment: env) { $0 == "/run/assetd/assetd.sock" }
                == "/run/assetd/assetd.sock"
        )
        #expect(DaemonLocations.clientSocketPath(flag: nil, environment: env) { _ in false } == user)
        #expect(
            DaemonLocations.clientSocketPath(flag: nil, environment: [:]) { _ in false } == "/run/assetd/assetd.sock"
        )
    }
}
