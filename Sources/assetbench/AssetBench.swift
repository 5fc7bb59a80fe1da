import ArgumentParser

/// Benchmarks printed by `make bench`; each subcommand measures one module.
@main
struct AssetBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assetbench",
        abstract: "Measure assetd's parser, fetch engine and store.",
        subcommands: [ParseBench.self, FetchBench.self, StoreBench.self, IndexBench.self, EndToEndBench.self]
    )
}
