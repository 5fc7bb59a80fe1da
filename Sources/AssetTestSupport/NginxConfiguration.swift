/// The nginx configuration ``NginxServer`` runs with: a pure function of its fields.
///
/// Everything nginx writes goes into `runtimeDirectory`; nothing under `/var` or `/etc` is touched (the Debian
/// default config is not included).
struct NginxConfiguration: Sendable, Equatable {
    var runtimeDirectory: String
    var root: String
    var port: Int
    var tlsPort: Int?
    var tls: TLSMaterial?
    var workerProcesses: Int
    /// Whether the master runs as root; then workers run as root too so they can read 0700 test directories.
    var runsAsRoot: Bool

    var text: String {
        let directory = runtimeDirectory
        var lines: [String] = [
            "daemon off;",
            "master_process on;",
            "worker_processes \(max(1, workerProcesses));",
            "pid \(directory)/nginx.pid;",
            "error_log \(directory)/error.log warn;",
            "events { worker_connections 4096; }",
            "http {",
            "    access_log off;",
            "    client_body_temp_path \(directory)/client_body;",
            "    proxy_temp_path \(directory)/proxy;",
            "    fastcgi_temp_path \(directory)/fastcgi;",
            "    uwsgi_temp_path \(directory)/uwsgi;",
            "    scgi_temp_path \(directory)/scgi;",
            "    types {",
            "        text/html html htm;",
            "        text/plain txt;",
            "        image/jpeg jpg jpeg;",
            "        image/png png;",
            "        image/gif gif;",
            "        image/webp webp;",
            "        image/avif avif;",
            "        image/svg+xml svg;",
            "    }",
            "    default_type application/octet-stream;",
            "    sendfile on;",
            "    tcp_nopush on;",
            "    tcp_nodelay on;",
            "    keepalive_requests 100000;",
            "    keepalive_timeout 65s;",
            "    server {",
            "        listen 127.0.0.1:\(port);",
            "        server_name _;",
            "        root \(root);",
            "    }",
        ]
        if let tlsPort, let tls {
            lines += [
                "    server {",
                "        listen 127.0.0.1:\(tlsPort) ssl http2;",
                "        server_name _;",
                "        ssl_certificate \(tls.certificatePath);",
                "        ssl_certificate_key \(tls.keyPath);",
                "        ssl_protocols TLSv1.2 TLSv1.3;",
                "        http2_max_concurrent_streams 256;",
                "        root \(root);",
                "    }",
            ]
        }
        lines.append("}")
        if runsAsRoot {
            lines.insert("user root;", at: 0)
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
