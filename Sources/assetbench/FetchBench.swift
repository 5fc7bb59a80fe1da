import ArgumentParser

struct FetchBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "fetch")

    func run() async throws {
        throw ValidationError("not written yet")
    }
}
