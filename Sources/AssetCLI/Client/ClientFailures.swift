import AssetAPI
package import AssetFetch
import FoundationEssentials

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// How the CLI words a failure to talk to the daemon, and the exit status it implies (pure).
package enum ClientFailures {
    /// The one-line message and exit status 3 for a transport failure: a daemon that is not running
    /// (ENOENT, ECONNREFUSED) and a socket we may not open (EACCES, EPERM) read differently.
    package static func transport(_ error: FetchError, socketPath: String) -> CLIFailure {
        let message: String
        switch (error.code, error.osErrno) {
        case (.connect, EACCES?), (.connect, EPERM?):
            message =
                "permission denied on \(socketPath): join the group that owns the socket (usually assetd) "
                + "or run as the daemon's user"
        case (.connect, _):
            message = "cannot reach assetd at \(socketPath): is it running? (systemctl status assetd)"
        case (.timeout, _):
            message = "assetd at \(socketPath) did not answer in time"
        default:
            message = "lost the connection to assetd at \(socketPath): \(error.message)"
        }
        return CLIFailure(message: message, exitCode: CLIExitStatus.unreachable)
    }

    /// The failure for a non-2xx answer: the message of its `{"error": …}` document, with the exit status
    /// of its code; a body that is not such a document is reported with its status.
    package static func api(status: Int, body: [UInt8]) -> CLIFailure {
        if let document = try? APIJSON.decode(APIErrorDocument.self, from: Data(body)) {
            return CLIFailure(
                message: document.error.message,
                exitCode: CLIExitStatus.forAPIError(document.error.code)
            )
        }
        let text = String(String(decoding: body.prefix(200), as: UTF8.self).filter { !$0.isNewline })
        let detail = text.isEmpty ? "" : ": \(text)"
        return CLIFailure(
            message: "assetd answered HTTP \(status)\(detail)",
            exitCode: status >= 400 && status < 500 && status != 404 ? CLIExitStatus.usage : CLIExitStatus.failed
        )
    }

    /// The failure for a 2xx answer that is not the expected document (a daemon of another version).
    package static func undecodable(_ target: String, error: any Error) -> CLIFailure {
        CLIFailure(
            message: "unexpected answer from assetd to \(target): \(error)",
            exitCode: CLIExitStatus.failed
        )
    }
}
