package import ArgumentParser
import AssetAPI
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The `--socket` option every command that talks to the daemon has.
package struct ConnectionOptions: ParsableArguments {
    @Option(help: "The daemon's socket (default: $ASSETD_SOCKET, else the per-user or the system daemon's socket).")
    package var socket: String?

    package init() {}

    package func validate() throws {
        if let socket, socket.utf8.count > DaemonLocations.maximumSocketPathBytes {
            throw ValidationError(
                "--socket is \(socket.utf8.count) bytes long; Unix sockets allow \(DaemonLocations.maximumSocketPathBytes)."
            )
        }
    }

    /// The socket to use: `--socket`, then `$ASSETD_SOCKET`, then the first default that exists.
    package func socketPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        DaemonLocations.clientSocketPath(flag: socket, environment: environment) { path in
            access(path, F_OK) == 0
        }
    }

    /// A client for the chosen socket.
    /// - Throws: `CLIFailure` with exit status 78 when `$ASSETD_SOCKET` (or a default) is too long to be a socket.
    package func makeClient(
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(CLIFailure) -> ControlClient {
        let path = socketPath(environment: environment)
        guard path.utf8.count <= DaemonLocations.maximumSocketPathBytes else {
            let origin =
                socket == nil && environment[DaemonLocations.socketEnvironmentVariable] != nil
                ? "$\(DaemonLocations.socketEnvironmentVariable)" : "the socket path"
            throw CLIFailure(
                message: "\(origin) \(path) is \(path.utf8.count) bytes long; Unix sockets allow "
                    + "\(DaemonLocations.maximumSocketPathBytes)",
                exitCode: CLIExitStatus.badConfiguration
            )
        }
        return ControlClient(socketPath: path)
    }
}
