import AssetAPI
import AssetTestSupport
import Foundation
import Testing

/// The socket's permissions are the access control: a user outside its group cannot use the daemon.
@Suite("end to end: socket permissions", .timeLimit(.minutes(2)))
struct PermissionTests {
    @Test(
        "a user outside the socket's group cannot enqueue; the daemon stays empty",
        .enabled(if: getuid() == 0, "needs root to run assetctl as another user"),
        .enabled(
            if: FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv"),
            "setpriv (util-linux) is missing"
        )
    )
    func outsiderCannotEnqueue() async throws {
        let setup = try DaemonSetup()
        defer { setup.scratch.remove() }
        // The directory is open to everyone: only the socket's own mode (0660, root's group) keeps nobody out.
        try #require(chmod(setup.scratch.path, 0o755) == 0)
        let article = try setup.scratch.write("a.txt", bytes: Array("no pictures, just words\n".utf8))
        try #require(chmod(article, 0o644) == 0)
        let daemon = try await DaemonProcess.start(setup)
        do {
            var info = stat()
            try #require(stat(setup.socket, &info) == 0)
            #expect(info.st_mode & 0o777 == 0o660, "socket mode \(String(info.st_mode & 0o777, radix: 8))")
            let outsider = try await ProcessRunner.run(
                "/usr/bin/setpriv",
                [
                    "--reuid=65534", "--regid=65534", "--clear-groups", try Binaries.path("assetctl"), "enqueue",
                    "--socket", setup.socket, article,
                ]
            )
            #expect(outsider.exitCode == 3)
            #expect(
                outsider.standardError.hasPrefix("error: permission denied on \(setup.socket)"),
                "\(outsider.standardError)"
            )
            let status = try await Binaries.json(StatusDocument.self, ["status"], socket: setup.socket)
            #expect(status.articles == 0 && status.assets.total == 0)
            // The owner may.
            let owner = try await Binaries.assetctl(["enqueue", article], socket: setup.socket)
            #expect(owner.exitCode == 0, "\(owner.standardError)")
            #expect(await daemon.stop() == 0, "\(daemon.log)")
        } catch {
            await daemon.stop(signal: SIGKILL)
            throw error
        }
    }
}
