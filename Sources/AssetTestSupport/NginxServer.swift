import Foundation
import Synchronization

/// The Debian nginx binary (`/usr/sbin/nginx`, package `nginx-light`) serving a directory on loopback, for tests
/// and benchmarks that need a real, fast HTTP/1.1 and HTTP/2-over-TLS origin.
///
/// `start` writes a config into a fresh runtime directory (pid file, error log, temp paths; access log off), runs
/// nginx in the foreground (`daemon off`) and returns once every listener accepts connections. Listeners:
/// - plain HTTP/1.1 on `127.0.0.1:`` port``;
/// - with `tls`, HTTPS on `127.0.0.1:`` tlsPort`` with HTTP/2 offered through ALPN (`listen … ssl http2`), using
///   the ``TLSMaterial`` certificate (so clients reach it by one of its DNS names through curl's `--resolve` or
///   `--connect-to`, or libcurl's `CURLOPT_CONNECT_TO`).
///
/// Ports come from ``LoopbackPort/pickFree()``; when nginx then fails with "Address already in use" it is started
/// again on new ports (up to 5 times). File access: when the test process runs as root (as on CI), the config says
/// `user root;` so worker processes can read files in 0700 temporary directories; otherwise workers keep the
/// caller's user. Served files get nginx's usual types for `.jpg/.jpeg/.png/.gif/.webp/.avif/.svg/.html/.txt`,
/// anything else `application/octet-stream`. Keep-alive allows 100,000 requests per connection.
///
/// Thread-safety: all members may be used from any task. Call ``stop()`` at the end of every test; `deinit` kills a
/// server that was not stopped.
package final class NginxServer: Sendable {
    /// The executable this type runs.
    package static let executablePath = "/usr/sbin/nginx"

    /// The plain HTTP port on 127.0.0.1.
    package let port: Int
    /// The HTTPS (HTTP/2 and HTTP/1.1) port on 127.0.0.1, or `nil` without TLS.
    package let tlsPort: Int?
    /// The directory served.
    package let root: String
    /// The runtime directory (config, pid, error log, temp paths); removed by ``stop()``.
    package let runtimeDirectory: String

    private let process: Mutex<Process?>

    /// `http://127.0.0.1:PORT`.
    package var baseURL: String {
        "http://127.0.0.1:\(port)"
    }

    private init(port: Int, tlsPort: Int?, root: String, runtimeDirectory: String, process: Process) {
        self.port = port
        self.tlsPort = tlsPort
        self.root = root
        self.runtimeDirectory = runtimeDirectory
        self.process = Mutex(process)
    }

    deinit {
        process.withLock { running in
            if let running, running.isRunning {
                Self.kill(running, signal: SIGKILL)
            }
        }
    }

    /// Starts nginx serving `root`.
    ///
    /// - Parameters:
    ///   - root: the directory to serve (must exist; URL path `/a/b.jpg` is file `root/a/b.jpg`).
    ///   - tls: when given, also serve HTTPS with this certificate, HTTP/2 enabled.
    ///   - workerProcesses: nginx worker processes (1 for tests; benchmarks may want 2).
    ///   - executable: the nginx binary (default ``executablePath``).
    /// - Returns: the running server, accepting connections on all its ports.
    /// - Throws: `TestSupportError` `.programMissing` when `/usr/sbin/nginx` is absent (install `nginx-light`),
    ///   `.processFailed` with nginx's error log when it exits during start, `.notReady` when it does not accept
    ///   connections within 10 s, `.fileSystem` when the runtime directory cannot be written.
    package static func start(
        root: String,
        tls: TLSMaterial? = nil,
        workerProcesses: Int = 1,
        executable: String = executablePath
    ) async throws -> NginxServer {
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw TestSupportError(
                .programMissing,
                "\(executable) not found: install the Debian package nginx-light (apt-get install nginx-light)"
            )
        }
        var lastFailure: TestSupportError?
        for _ in 0..<5 {
            let runtime = try TemporaryDirectory(prefix: "assetd-nginx-")
            let port = try LoopbackPort.pickFree()
            let tlsPort = try tls.map { _ in try LoopbackPort.pickFree() }
            let configuration = NginxConfiguration(
                runtimeDirectory: runtime.path,
                root: root,
                port: port,
                tlsPort: tlsPort,
                tls: tls,
                workerProcesses: workerProcesses,
                runsAsRoot: geteuid() == 0
            )
            do {
                let process = try launch(executable, configuration, in: runtime)
                let server = NginxServer(
                    port: port,
                    tlsPort: tlsPort,
                    root: root,
                    runtimeDirectory: runtime.path,
                    process: process
                )
                do {
                    try await server.waitUntilReady()
                    return server
                } catch let failure as TestSupportError {
                    try? await server.stop()
                    guard failure.message.contains("Address already in use") else {
                        throw failure
                    }
                    lastFailure = failure
                }
            } catch {
                runtime.remove()
                throw error
            }
        }
        throw lastFailure ?? TestSupportError(.processFailed, "nginx could not start")
    }

    /// The `https://` URL of `path` on the TLS listener under `host` (one of the certificate's DNS names).
    ///
    /// - Parameters:
    ///   - host: the host name to put in the URL (and in SNI).
    ///   - path: starts with `/`.
    /// - Returns: `https://host:tlsPort/path`, or `nil` without TLS.
    package func tlsURL(host: String, _ path: String) -> String? {
        tlsPort.map { "https://\(host):\($0)\(path)" }
    }

    /// curl's `--resolve` value that sends `host` on the TLS port to 127.0.0.1: `host:tlsPort:127.0.0.1`.
    ///
    /// - Parameter host: the host name used in URLs.
    package func resolveArgument(host: String) -> String? {
        tlsPort.map { "\(host):\($0):127.0.0.1" }
    }

    /// A `connect-to` entry (curl's `HOST:PORT:CONNECT-TO-HOST:CONNECT-TO-PORT`) that sends `https://host/…`
    /// (port 443) to this server's TLS listener.
    ///
    /// - Parameter host: the host name used in URLs.
    package func connectToEntry(host: String) -> String? {
        tlsPort.map { "\(host):443:127.0.0.1:\($0)" }
    }

    /// The text of nginx's error log so far (for diagnosing failures).
    package var errorLog: String {
        (try? String(contentsOfFile: runtimeDirectory + "/error.log", encoding: .utf8)) ?? ""
    }

    /// Stops nginx (SIGTERM, SIGKILL after 5 s), waits until it has exited and removes the runtime directory.
    ///
    /// Calling it again does nothing.
    /// - Throws: never in practice; declared for future cleanup failures.
    package func stop() async throws {
        guard
            let running = process.withLock({ running in
                defer { running = nil }; return running
            })
        else {
            return
        }
        if running.isRunning {
            Self.kill(running, signal: SIGTERM)
        }
        let deadline = ContinuousClock.now + .seconds(5)
        while running.isRunning {
            if ContinuousClock.now > deadline {
                Self.kill(running, signal: SIGKILL)
            }
            try? await Task.sleep(for: .milliseconds(10))
        }
        running.waitUntilExit()
        try? FileManager.default.removeItem(atPath: runtimeDirectory)
    }

    private func waitUntilReady() async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        let ports = [port] + (tlsPort.map { [$0] } ?? [])
        while true {
            let running = process.withLock { $0?.isRunning ?? false }
            guard running else {
                throw TestSupportError(.processFailed, "nginx exited during start: \(errorLog)")
            }
            if ports.allSatisfy({ LoopbackPort.isAccepting(port: $0) }) {
                return
            }
            guard ContinuousClock.now < deadline else {
                throw TestSupportError(.notReady, "nginx did not accept connections on \(ports) within 10 s")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    private static func launch(
        _ executable: String,
        _ configuration: NginxConfiguration,
        in runtime: TemporaryDirectory
    ) throws -> Process {
        let configurationPath = try runtime.write("nginx.conf", bytes: Array(configuration.text.utf8))
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-p", runtime.path, "-c", configurationPath, "-e", runtime.appending("error.log")]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw TestSupportError(.processFailed, "cannot start \(executable)", underlying: error)
        }
        return process
    }

    /// Signals nginx's process group when it leads one (so workers go too), else only the master.
    private static func kill(_ process: Process, signal: Int32) {
        let pid = process.processIdentifier
        if getpgid(pid) == pid {
            _ = Glibc.kill(-pid, signal)
        } else {
            _ = Glibc.kill(pid, signal)
        }
    }
}
