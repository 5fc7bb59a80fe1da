public import ArgumentParser

/// The `assetctl` command: talks to assetd, or parses articles offline.
public struct AssetctlCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "assetctl",
        abstract: "Control assetd and inspect what it would fetch.",
        subcommands: []
    )

    public init() {}
}
