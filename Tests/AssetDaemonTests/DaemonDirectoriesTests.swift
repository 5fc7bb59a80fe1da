import AssetDaemon
import Foundation
import Testing

@Suite struct DaemonDirectoriesTests {
    func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return try #require(attributes[.posixPermissions] as? Int)
    }

    @Test func missingDirectoriesAreCreatedWithTheirModes() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let paths = DaemonPaths(
            stateDirectory: directory.file("home/.local/state/assetd"),
            cacheDirectory: directory.file("home/.cache/assetd"),
            socket: directory.file("run/assetd/assetd.sock")
        )
        // The modes asked for (0750, 0700) have no bits that the usual umask 022 or 027 clears.
        try DaemonDirectories.prepare(paths)
        #expect(try mode(paths.stateDirectory) == 0o750)
        #expect(try mode(directory.file("home/.local/state")) == 0o700)
        #expect(try mode(paths.cacheDirectory) == 0o750)
        #expect(try mode(directory.file("run/assetd")) == 0o750)
        #expect(!FileManager.default.fileExists(atPath: paths.socket))
        // A second run finds everything in place.
        try DaemonDirectories.prepare(paths)
    }

    @Test func existingDirectoriesKeepTheirModes() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let state = directory.file("state")
        try FileManager.default.createDirectory(
            atPath: state,
            withIntermediateDirectories: false,
            attributes: [.posixPermissions: 0o755]
        )
        try DaemonDirectories.ensureDirectory(state)
        #expect(try mode(state) == 0o755)
    }

    @Test func aFileWhereADirectoryBelongsIsRefused() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        let blocker = try directory.write("state", "not a directory")
        let error = #expect(throws: DaemonError.self) { try DaemonDirectories.ensureDirectory(blocker) }
        #expect(error?.code == .directoryUnusable)
        #expect(error?.message.contains(blocker) == true)
        let below = #expect(throws: DaemonError.self) { try DaemonDirectories.ensureDirectory(blocker + "/inner") }
        #expect(below?.code == .directoryUnusable)
    }

    @Test(.timeLimit(.minutes(1)))
    func socketPathMayBeAbsentOrASocketButNotAFile() throws {
        let directory = try TestDirectory()
        defer { directory.remove() }
        try DaemonDirectories.checkSocketPath(directory.file("absent.sock"))
        let stale = directory.file("stale.sock")
        let receiver = try DatagramReceiver(address: stale, abstract: false)
        try withExtendedLifetime(receiver) { try DaemonDirectories.checkSocketPath(stale) }
        let file = try directory.write("file.sock", "")
        let error = #expect(throws: DaemonError.self) { try DaemonDirectories.checkSocketPath(file) }
        #expect(error?.code == .socketPathOccupied)
        #expect(error?.message.contains(file) == true)
    }
}
