public import ArgumentParser
import Glibc

/// The `assetctl` command: talks to assetd, or parses articles offline.
///
/// Exit statuses (DESIGN.md §5): 0 ok, 1 a requested thing failed or is absent, 2 usage, 3 daemon unreachable or
/// permission denied, 78 bad configuration.
public struct AssetctlCommand: AsyncParsableCommand {
    /// The command's name, summary and subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "assetctl",
        abstract: "Control assetd and inspect what it would fetch.",
        subcommands: [
            ParseCommand.self, EnqueueCommand.self, StatusCommand.self, ListCommand.self, ShowCommand.self,
            PathCommand.self, CatCommand.self, RetryCommand.self, VerifyCommand.self, GarbageCollectCommand.self,
        ]
    )

    /// Creates the root command (ArgumentParser fills in its options).
    public init() {}

    /// Runs the command line, mapping ArgumentParser's usage errors to exit status 2.
    ///
    /// The process ends with `_exit` after flushing standard I/O: request threads of the Unix-socket client may still
    /// be winding down (a cancelled event stream), and libraries' exit handlers (OpenSSL's cleanup) racing with a
    /// thread that is ending can free the same memory twice.
    public static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
            end(.success)
        } catch {
            let status = CLIExitStatus.forError(error, root: self)
            // Our own failures are one line, `error: <message>`; ArgumentParser words its own errors.
            let message = (error as? CLIFailure).map { "error: \($0.message)" } ?? fullMessage(for: error)
            if !message.isEmpty {
                if status == .success {
                    print(message)
                } else {
                    CLIOutput.standardError(message)
                }
            }
            end(status)
        }
    }

    private static func end(_ status: ExitCode) -> Never {
        fflush(nil)
        _exit(status.rawValue)
    }
}
