import ArgumentParser

struct StoreBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "store")

    func run() async throws {
        throw ValidationError("not written yet")
    }
}
