/// Where the daemon keeps its state, cache and socket by default: one rule, computed the same way by `assetd` and by
/// `assetctl` (which does not link the daemon).
///
/// Pure functions of the environment; no file is touched.
/// - Under systemd (`STATE_DIRECTORY` set): `$STATE_DIRECTORY`, `$CACHE_DIRECTORY`, and the socket in
///   `$RUNTIME_DIRECTORY` or `/run/assetd/`.
/// - Otherwise (XDG base directories): `$XDG_STATE_HOME/assetd` (else `~/.local/state/assetd`),
///   `$XDG_CACHE_HOME/assetd` (else `~/.cache/assetd`), and the socket at `$XDG_RUNTIME_DIR/assetd/assetd.sock`
///   (else in the state directory). Relative XDG values are ignored, as the XDG specification asks.
package enum DaemonLocations {
    /// The socket's file name.
    package static let socketFileName = "assetd.sock"
    /// The socket the systemd unit serves (`RuntimeDirectory=assetd`).
    package static let systemSocketPath = "/run/assetd/assetd.sock"
    /// The state directory of the systemd unit (`StateDirectory=assetd`).
    package static let systemStateDirectory = "/var/lib/assetd"
    /// The cache directory of the systemd unit (`CacheDirectory=assetd`).
    package static let systemCacheDirectory = "/var/cache/assetd"
    /// The longest socket path Linux accepts: `sun_path` is 108 bytes including the terminating NUL.
    package static let maximumSocketPathBytes = 107
    /// The environment variable naming the socket for `assetctl` (and the `socket` key for `assetd`).
    package static let socketEnvironmentVariable = "ASSETD_SOCKET"

    /// Whether the environment is that of a systemd service with `StateDirectory=` (the variable is set and absolute).
    /// - Parameter environment: the process environment.
    /// - Returns: `true` under the unit.
    package static func isSystemdService(environment: [String: String]) -> Bool {
        firstAbsolute(environment["STATE_DIRECTORY"]) != nil
    }

    /// The default state directory.
    /// - Parameter environment: the process environment.
    /// - Returns: the directory, or `nil` outside systemd when neither `XDG_STATE_HOME` nor `HOME` is usable.
    package static func stateDirectory(environment: [String: String]) -> String? {
        if let systemd = firstAbsolute(environment["STATE_DIRECTORY"]) { return systemd }
        return xdgDirectory(environment: environment, variable: "XDG_STATE_HOME", homeRelative: ".local/state")
    }

    /// The default cache directory.
    /// - Parameter environment: the process environment.
    /// - Returns: the directory, or `nil` outside systemd when neither `XDG_CACHE_HOME` nor `HOME` is usable.
    package static func cacheDirectory(environment: [String: String]) -> String? {
        if isSystemdService(environment: environment) {
            return firstAbsolute(environment["CACHE_DIRECTORY"]) ?? systemCacheDirectory
        }
        return xdgDirectory(environment: environment, variable: "XDG_CACHE_HOME", homeRelative: ".cache")
    }

    /// The default socket path of a daemon whose state directory is `stateDirectory`.
    /// - Parameters:
    ///   - environment: the process environment.
    ///   - stateDirectory: the daemon's state directory (used when there is no runtime directory).
    /// - Returns: the socket path.
    package static func socketPath(environment: [String: String], stateDirectory: String) -> String {
        if isSystemdService(environment: environment) {
            let runtime = firstAbsolute(environment["RUNTIME_DIRECTORY"]) ?? "/run/assetd"
            return join(runtime, socketFileName)
        }
        if let runtime = firstAbsolute(environment["XDG_RUNTIME_DIR"]) {
            return join(join(runtime, "assetd"), socketFileName)
        }
        return join(stateDirectory, socketFileName)
    }

    /// The sockets a client should try, in order, when given no `--socket` and no `$ASSETD_SOCKET`: the
    /// per-user daemon's default (if computable), then the system daemon's.
    /// - Parameter environment: the client's environment.
    /// - Returns: one or two distinct paths.
    package static func clientSocketCandidates(environment: [String: String]) -> [String] {
        var candidates: [String] = []
        if let state = stateDirectory(environment: environment) {
            candidates.append(socketPath(environment: environment, stateDirectory: state))
        }
        if !candidates.contains(systemSocketPath) { candidates.append(systemSocketPath) }
        return candidates
    }

    /// The socket a client uses: the flag, else a non-empty `$ASSETD_SOCKET`, else the first candidate that exists,
    /// else the first candidate.
    /// - Parameters:
    ///   - flag: the `--socket` value, if given.
    ///   - environment: the client's environment.
    ///   - exists: whether a path exists (the caller's I/O).
    /// - Returns: the socket path to connect to.
    package static func clientSocketPath(
        flag: String?,
        environment: [String: String],
        exists: (String) -> Bool
    ) -> String {
        if let flag, !flag.isEmpty { return flag }
        if let variable = environment[socketEnvironmentVariable], !variable.isEmpty { return variable }
        let candidates = clientSocketCandidates(environment: environment)
        return candidates.first(where: exists) ?? candidates.first ?? systemSocketPath
    }

    private static func xdgDirectory(environment: [String: String], variable: String, homeRelative: String) -> String? {
        if let base = environment[variable], base.hasPrefix("/") {
            return join(base, "assetd")
        }
        guard let home = environment["HOME"], home.hasPrefix("/") else { return nil }
        return join(join(home, homeRelative), "assetd")
    }

    /// The first entry of a `:`-separated systemd directory list, if absolute.
    private static func firstAbsolute(_ value: String?) -> String? {
        guard let value, let first = value.split(separator: ":").first, first.hasPrefix("/") else { return nil }
        return String(first)
    }

    private static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }
}
