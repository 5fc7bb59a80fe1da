import AssetAPI

/// The directories and socket the daemon uses, resolved from the settings and the environment.
///
/// Explicit `socket`/`state-dir`/`cache-dir` win (relative ones are taken from the working directory); otherwise the
/// rule of ``DaemonLocations`` applies (systemd's directories under the unit, XDG directories outside it).
package struct DaemonPaths: Sendable, Equatable {
    /// The state directory (index, lock file).
    package var stateDirectory: String
    /// The cache directory (objects, ingest files).
    package var cacheDirectory: String
    /// The control socket's path.
    package var socket: String

    /// The lock file that keeps a second daemon off the same state directory.
    package var lockFile: String { stateDirectory + "/assetd.lock" }

    /// Creates resolved paths.
    /// - Parameters:
    ///   - stateDirectory: the state directory.
    ///   - cacheDirectory: the cache directory.
    ///   - socket: the socket path.
    package init(stateDirectory: String, cacheDirectory: String, socket: String) {
        self.stateDirectory = stateDirectory
        self.cacheDirectory = cacheDirectory
        self.socket = socket
    }

    /// Resolves the paths. Pure: nothing is created or checked on disk.
    /// - Parameters:
    ///   - socket: the `socket` setting, if given.
    ///   - stateDirectory: the `state-dir` setting, if given.
    ///   - cacheDirectory: the `cache-dir` setting, if given.
    ///   - environment: the process environment.
    ///   - workingDirectory: the absolute working directory, for relative settings.
    /// - Returns: the paths.
    /// - Throws: ``ConfigError`` listing every problem (no usable default, socket path too long).
    package static func resolve(
        socket: String?,
        stateDirectory: String?,
        cacheDirectory: String?,
        environment: [String: String],
        workingDirectory: String
    ) throws(ConfigError) -> DaemonPaths {
        var problems: [ConfigProblem] = []
        let home = "neither $XDG_STATE_HOME nor $HOME is an absolute path"
        let state =
            stateDirectory.map { absolute($0, in: workingDirectory) }
            ?? DaemonLocations.stateDirectory(environment: environment)
        if state == nil {
            problems.append(ConfigProblem(.path, key: "state-dir", "no default: \(home); set --state-dir"))
        }
        let cache =
            cacheDirectory.map { absolute($0, in: workingDirectory) }
            ?? DaemonLocations.cacheDirectory(environment: environment)
        if cache == nil {
            let reason = "neither $XDG_CACHE_HOME nor $HOME is an absolute path"
            problems.append(ConfigProblem(.path, key: "cache-dir", "no default: \(reason); set --cache-dir"))
        }
        var socketPath: String?
        if let socket {
            socketPath = absolute(socket, in: workingDirectory)
        } else if let state {
            socketPath = DaemonLocations.socketPath(environment: environment, stateDirectory: state)
        }
        if let socketPath, socketPath.utf8.count > DaemonLocations.maximumSocketPathBytes {
            problems.append(
                ConfigProblem(
                    .path,
                    key: "socket",
                    "'\(socketPath)' is \(socketPath.utf8.count) bytes; a Unix socket path may have at most "
                        + "\(DaemonLocations.maximumSocketPathBytes); set --socket to a shorter path"
                )
            )
        }
        guard problems.isEmpty, let state, let cache, let socketPath else { throw ConfigError(problems: problems) }
        return DaemonPaths(stateDirectory: state, cacheDirectory: cache, socket: socketPath)
    }

    /// The path made absolute against `directory`, without trailing slashes (except for `/`).
    static func absolute(_ path: String, in directory: String) -> String {
        var result = path.hasPrefix("/") ? path : (directory.hasSuffix("/") ? directory : directory + "/") + path
        while result.count > 1 && result.hasSuffix("/") { result.removeLast() }
        return result
    }
}
