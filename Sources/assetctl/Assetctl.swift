import ArgumentParser
import AssetCLI

@main
extension AssetctlCommand {}
