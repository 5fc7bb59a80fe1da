import ArgumentParser
import AssetDaemon

@main extension AssetdCommand {}
