import ArgumentParser

struct ParseBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "parse")

    func run() async throws {
        throw ValidationError("not written yet")
    }
}
