/// What the daemon starts with: validated settings, resolved paths, and the file they came from.
package struct LoadedConfiguration: Sendable, Equatable {
    /// The validated settings.
    package var configuration: DaemonConfiguration
    /// The resolved directories and socket.
    package var paths: DaemonPaths
    /// The configuration file that was read, or `nil` when none was.
    package var file: String?
    /// Things worth logging that do not stop the daemon (an `ASSETD_*` variable that names no key).
    package var warnings: [ConfigProblem]

    /// Creates a loaded configuration.
    /// - Parameters:
    ///   - configuration: the validated settings.
    ///   - paths: the resolved paths.
    ///   - file: the file read, if any.
    ///   - warnings: problems that do not stop the daemon.
    package init(configuration: DaemonConfiguration, paths: DaemonPaths, file: String?, warnings: [ConfigProblem] = [])
    {
        self.configuration = configuration
        self.paths = paths
        self.file = file
        self.warnings = warnings
    }
}
