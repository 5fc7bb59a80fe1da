import ArgumentParser

/// A child process for the store's crash tests: commits objects and index rows in a loop until killed.
@main
struct StoreCrash: AsyncParsableCommand {
    func run() async throws {
        throw ValidationError("not written yet")
    }
}
