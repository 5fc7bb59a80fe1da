package import ArgumentParser
package import AssetAPI

/// The exit statuses `assetctl` promises (DESIGN.md §5), and the mapping from thrown errors to them.
package enum CLIExitStatus {
    package static let ok = ExitCode(0)
    /// A requested thing failed or is absent (an unreadable file, an unknown asset).
    package static let failed = ExitCode(1)
    /// The command line was wrong.
    package static let usage = ExitCode(2)
    /// The daemon could not be reached, or its socket refused us.
    package static let unreachable = ExitCode(3)
    /// The configuration was invalid.
    package static let badConfiguration = ExitCode(78)

    /// The status for an API error code: 2 for a request the daemon found malformed (which a correct command line
    /// cannot produce unless its values were bad), 1 for everything that failed or is absent.
    package static func forAPIError(_ code: APIErrorCode) -> ExitCode {
        switch code {
        case .badRequest, .invalidQuery, .methodNotAllowed, .unsupportedMediaType:
            usage
        case .notFound, .payloadTooLarge, .conflict, .upstreamFailed, .unavailable, .insufficientStorage, .internal:
            failed
        }
    }

    /// The status for an error thrown while parsing or running a command.
    package static func forError(_ error: any Error, root: AssetctlCommand.Type) -> ExitCode {
        if let exit = error as? ExitCode {
            return exit
        }
        if let failure = error as? CLIFailure {
            return failure.exitCode
        }
        let code = root.exitCode(for: error)
        if code == .success {
            return .success
        }
        // ArgumentParser reports every usage problem as EX_USAGE (64); we promise 2.
        return code == .validationFailure ? usage : code
    }
}

/// An error a command reports to the user as one line (`error: <message>` on standard error), with the exit status
/// it implies.
package struct CLIFailure: Error, CustomStringConvertible {
    package var message: String
    package var exitCode: ExitCode

    package var description: String { message }
}
