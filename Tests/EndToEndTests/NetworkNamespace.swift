import AssetTestSupport
import Foundation
import Testing

/// assetd and an nginx origin inside fresh network, PID and mount namespaces (`unshare --net --pid --mount-proc`),
/// where the loopback interface also carries ``address``: an address the address policy classifies as global, so an
/// origin on it is allowed while private networks are not, and its redirects to 127.0.0.1 must be refused. The
/// namespace has no other interface, so nothing sent there can leave it. The daemon's control socket is a file,
/// reachable from the test outside.
///
/// Inside, nginx serves two servers: ``allowedPort`` on ``address`` (`/img/` images, `/r/`, `/r6/`, `/rl/` redirects
/// to 127.0.0.1, [::1] and localhost on ``refusedPort``, `/rf/` a redirect to `file:`), and ``refusedPort`` on
/// 127.0.0.1 (and [::1]), whose access log must stay empty. The shell that starts both is the namespace's init:
/// when assetd ends, it ends, and the kernel kills everything left in the namespace.
final class NetworkNamespace: Sendable {
    static let address = "11.22.33.44"
    static let allowedPort = 8080
    static let refusedPort = 9090
    /// The body of every `/img/` answer.
    static let imageBody = "assetd namespace image\n"

    /// Why namespaces cannot be used here, or nil when they can (probed once).
    static let unavailableReason: String? = probe()

    /// Whether IPv6 loopback exists (then the refused server listens on [::1] too).
    static let hasIPv6 = FileManager.default.fileExists(atPath: "/proc/net/if_inet6")

    let runtime: TemporaryDirectory
    private let child: ChildProcess
    private let configPath: String

    var allowedOrigin: String { "http://\(Self.address):\(Self.allowedPort)" }
    var allowedLog: String { runtime.appending("allowed.log") }
    var refusedLog: String { runtime.appending("refused.log") }
    var isRunning: Bool { child.isRunning }
    /// Everything assetd, nginx and the shell wrote to standard error.
    var log: String { child.errorText + child.outputText }

    private init(runtime: TemporaryDirectory, child: ChildProcess, configPath: String) {
        self.runtime = runtime
        self.child = child
        self.configPath = configPath
    }

    /// Starts nginx and assetd (with the config at `setup.configPath`) in a new namespace; returns once
    /// `assetctl status` answers on the setup's socket.
    static func start(_ setup: DaemonSetup) async throws -> NetworkNamespace {
        let runtime = try TemporaryDirectory(prefix: "assetd-ns-")
        let nginx = nginxConfiguration(runtime: runtime.path)
        try runtime.write("nginx.conf", bytes: Array(nginx.utf8))
        let assetd = try Binaries.path("assetd")
        let script = """
            set -eu
            ip link set lo up
            ip addr add \(address)/32 dev lo
            # Only lo may exist: outside a fresh namespace \(address) is a real, routed address.
            [ "$(ip -o link show | wc -l)" -eq 1 ] || { echo "not in a fresh network namespace" >&2; exit 97; }
            /usr/sbin/nginx -p \(runtime.path) -c \(runtime.path)/nginx.conf -e \(runtime.path)/error.log &
            i=0
            while [ ! -s \(runtime.path)/nginx.pid ]; do
                i=$((i + 1)); [ $i -lt 400 ] || { echo "nginx did not start" >&2; exit 98; }; sleep 0.05
            done
            env -i PATH=/usr/bin:/bin HOME=\(setup.scratch.path) ASSETD_LOG_LEVEL=debug \(assetd) \
                --config \(setup.configPath) &
            wait $!
            """
        let scriptPath = try runtime.write("namespace.sh", bytes: Array(script.utf8))
        // --mount-proc: libdispatch's worker monitor reads /proc/<getpid()>/task/…/stat and traps when it cannot,
        // which it cannot in a PID namespace that still sees the outer /proc.
        let child = try ChildProcess.start(
            "/usr/bin/unshare",
            ["--net", "--pid", "--mount-proc", "--fork", "--kill-child", "/bin/sh", scriptPath],
            outputDirectory: runtime.path
        )
        let namespace = NetworkNamespace(runtime: runtime, child: child, configPath: setup.configPath)
        try await DaemonSetup.waitUntil("assetd answers in the namespace", timeout: .seconds(30)) {
            guard child.isRunning else {
                Issue.record("the namespace ended during start:\n\(namespace.log)\n\(namespace.nginxErrors)")
                throw CancellationError()
            }
            return try await Binaries.assetctl(["status", "--json"], socket: setup.socket).exitCode == 0
        }
        return namespace
    }

    var nginxErrors: String {
        (try? String(contentsOfFile: runtime.appending("error.log"), encoding: .utf8)) ?? ""
    }

    /// Stops assetd with SIGTERM (the namespace then ends) and returns its exit status; SIGKILL to the whole group
    /// after `grace`. Removes the runtime directory.
    func stop(grace: Duration = .seconds(20)) async -> Int32 {
        if let pid = assetdProcessID() {
            kill(pid, SIGTERM)
        }
        let status: Int32
        if let code = try? await child.waitForExit(timeout: grace) {
            status = code
        } else {
            status = await child.stop(grace: .seconds(1))
        }
        return status
    }

    /// Kills everything at once.
    func killAll() async {
        child.signal(SIGKILL, toGroup: true)
        _ = try? await child.waitForExit(timeout: .seconds(10))
    }

    /// The pid (as seen from here) of the assetd running with this namespace's config.
    private func assetdProcessID() -> pid_t? {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = pid_t(entry),
                let raw = FileManager.default.contents(atPath: "/proc/\(entry)/cmdline")
            else { continue }
            let arguments = raw.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            if arguments.first?.hasSuffix("/assetd") == true, arguments.contains(configPath) {
                return pid
            }
        }
        return nil
    }

    private static func nginxConfiguration(runtime: String) -> String {
        let refusedListen =
            ["        listen 127.0.0.1:\(refusedPort);"] + (hasIPv6 ? ["        listen [::1]:\(refusedPort);"] : [])
        let lines =
            [
                geteuid() == 0 ? "user root;" : "", "daemon off;", "master_process on;", "worker_processes 1;",
                "pid \(runtime)/nginx.pid;", "error_log \(runtime)/error.log warn;",
                "events { worker_connections 1024; }", "http {",
                "    client_body_temp_path \(runtime)/client_body;", "    proxy_temp_path \(runtime)/proxy;",
                "    fastcgi_temp_path \(runtime)/fastcgi;", "    uwsgi_temp_path \(runtime)/uwsgi;",
                "    scgi_temp_path \(runtime)/scgi;", "    server {", "        listen \(address):\(allowedPort);",
                "        access_log \(runtime)/allowed.log;",
                "        location /img/ { default_type image/jpeg; return 200 \"\(imageBody.dropLast())\\n\"; }",
                "        location /r/ { return 302 http://127.0.0.1:\(refusedPort)$request_uri; }",
                "        location /r6/ { return 302 http://[::1]:\(refusedPort)$request_uri; }",
                "        location /rl/ { return 302 http://localhost:\(refusedPort)$request_uri; }",
                "        location /rf/ { return 302 file:///etc/passwd; }", "        location / { return 404; }",
                "    }", "    server {",
            ] + refusedListen + [
                "        access_log \(runtime)/refused.log;",
                "        location / { default_type image/jpeg; return 200 \"never to be served\\n\"; }", "    }", "}",
            ]
        return lines.joined(separator: "\n") + "\n"
    }

    /// Runs the namespace set-up once with nothing inside; nil when it works, else the reason.
    private static func probe() -> String? {
        for program in ["/usr/bin/unshare", "/usr/sbin/ip", "/usr/sbin/nginx", "/bin/sh"]
        where !FileManager.default.isExecutableFile(atPath: program) {
            return "\(program) is missing"
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = [
            "--net", "--pid", "--mount-proc", "--fork", "--kill-child", "/bin/sh", "-c",
            "ip link set lo up && ip addr add \(address)/32 dev lo && [ \"$(ip -o link show | wc -l)\" -eq 1 ]",
        ]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return "unshare cannot be started: \(error)"
        }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            return "unshare --net --pid or ip failed (status \(process.terminationStatus)): \(text)"
        }
        return nil
    }
}
