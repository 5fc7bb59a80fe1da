import Glibc

/// Creates the directories the daemon needs and checks the socket path before binding.
///
/// Existing directories are used as they are (systemd creates and owns them under the unit); missing ones are
/// created, the last component with mode 0750 and missing parents with 0700 (the XDG base-directory rule).
package enum DaemonDirectories {
    /// The mode of a directory assetd creates itself.
    static let directoryMode: mode_t = 0o750

    /// Makes sure the state, cache and socket directories exist and are writable, and that the socket path is free
    /// or holds a (stale) socket, which binding will replace. Call it after taking the state-directory lock.
    /// - Parameter paths: the resolved paths.
    /// - Throws: ``DaemonError`` `directoryUnusable` naming the directory and the reason; `socketPathOccupied` when a
    ///   file other than a socket is at the socket path.
    package static func prepare(_ paths: DaemonPaths) throws(DaemonError) {
        for directory in [paths.stateDirectory, paths.cacheDirectory, parent(of: paths.socket)] {
            try ensureDirectory(directory)
        }
        try checkSocketPath(paths.socket)
    }

    /// Creates `path` and its missing parents, then checks it is a writable directory.
    /// - Parameter path: an absolute directory path.
    /// - Throws: ``DaemonError`` `directoryUnusable`.
    package static func ensureDirectory(_ path: String) throws(DaemonError) {
        var prefix = ""
        let components = path.split(separator: "/")
        for (index, component) in components.enumerated() {
            prefix += "/" + component
            let mode: mode_t = index == components.count - 1 ? directoryMode : 0o700
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw DaemonError(.directoryUnusable, "cannot create directory \(prefix): \(FileBytes.errnoText())")
            }
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw DaemonError(.directoryUnusable, "cannot use directory \(path): \(FileBytes.errnoText())")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw DaemonError(.directoryUnusable, "\(path) exists but is not a directory")
        }
        guard access(path, W_OK | X_OK) == 0 else {
            throw DaemonError(
                .directoryUnusable,
                "directory \(path) is not writable by uid \(getuid()): \(FileBytes.errnoText())"
            )
        }
    }

    /// Checks that nothing but a socket is at `path`.
    /// - Parameter path: the socket path.
    /// - Throws: ``DaemonError`` `socketPathOccupied`.
    package static func checkSocketPath(_ path: String) throws(DaemonError) {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return }
            throw DaemonError(.socketPathOccupied, "cannot inspect socket path \(path): \(FileBytes.errnoText())")
        }
        guard info.st_mode & S_IFMT == S_IFSOCK else {
            throw DaemonError(.socketPathOccupied, "\(path) exists and is not a socket; refusing to replace it")
        }
    }

    /// The directory part of an absolute path (`/` for a top-level name).
    static func parent(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/"), slash != path.startIndex else { return "/" }
        return String(path[..<slash])
    }
}
