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

    /// The socket to use: `--socket`, then `$ASSETD_SOCKET`, then the first default that exists.
    package func socketPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        DaemonLocations.clientSocketPath(flag: socket, environment: environment) { path in
            access(path, F_OK) == 0
        }
    }

    /// A client for the chosen socket.
    package func makeClient() -> ControlClient {
        ControlClient(socketPath: socketPath())
    }
}
