import Foundation

/// A throw-away certificate authority and a server certificate signed by it, made with `openssl` at test time.
///
/// The server certificate (ECDSA P-256, valid for 2 days) names the given DNS names plus `localhost`, `127.0.0.1`
/// and `::1` as subject alternative names. Clients trust it through ``caPath`` (curl `--cacert`, libcurl
/// `CURLOPT_CAINFO`, assetd `ca-file`). Files (all PEM): `ca.pem`, `ca.key`, `cert.pem`, `key.pem`.
package struct TLSMaterial: Sendable, Equatable {
    /// The directory holding the files.
    package let directory: String
    /// The CA certificate to trust.
    package let caPath: String
    /// The server certificate (leaf only).
    package let certificatePath: String
    /// The server's private key (unencrypted).
    package let keyPath: String
    /// The DNS names the server certificate is valid for (as given, plus `localhost`).
    package let dnsNames: [String]

    /// Makes a CA and a server certificate for `dnsNames` in `directory`.
    ///
    /// - Parameters:
    ///   - dnsNames: host names the server certificate must be valid for, e.g. `["images.example.test"]`.
    ///   - directory: an existing directory to write into (each test uses its own temporary directory).
    /// - Returns: the paths of the files written.
    /// - Throws: `TestSupportError` `.programMissing` without `openssl`, `.processFailed` with openssl's message
    ///   when a step fails, `.fileSystem` when the extension file cannot be written.
    package static func make(dnsNames: [String], in directory: String) async throws -> TLSMaterial {
        let names = dnsNames.contains("localhost") ? dnsNames : dnsNames + ["localhost"]
        let caKey = directory + "/ca.key"
        let caPath = directory + "/ca.pem"
        let keyPath = directory + "/key.pem"
        let requestPath = directory + "/server.csr"
        let certificatePath = directory + "/cert.pem"
        let extensionsPath = directory + "/server.ext"
        let curve = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]

        try await openssl(
            ["req", "-x509"] + curve + [
                "-keyout", caKey, "-out", caPath, "-days", "2", "-subj", "/CN=assetd test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign",
            ]
        )
        try await openssl(
            ["req"] + curve + ["-keyout", keyPath, "-out", requestPath, "-subj", "/CN=\(names[0])"]
        )
        let alternativeNames = (names.map { "DNS:\($0)" } + ["IP:127.0.0.1", "IP:::1"]).joined(separator: ",")
        let extensions = """
            basicConstraints = critical,CA:FALSE
            keyUsage = critical,digitalSignature
            extendedKeyUsage = serverAuth
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid,issuer
            subjectAltName = \(alternativeNames)

            """
        do {
            try Foundation.Data(extensions.utf8).write(to: URL(fileURLWithPath: extensionsPath))
        } catch {
            throw TestSupportError(.fileSystem, "cannot write \(extensionsPath)", underlying: error)
        }
        try await openssl([
            "x509", "-req", "-in", requestPath, "-CA", caPath, "-CAkey", caKey, "-CAcreateserial",
            "-out", certificatePath, "-days", "2", "-extfile", extensionsPath,
        ])
        return TLSMaterial(
            directory: directory,
            caPath: caPath,
            certificatePath: certificatePath,
            keyPath: keyPath,
            dnsNames: names
        )
    }

    private static func openssl(_ arguments: [String]) async throws {
        let result = try await ProcessRunner.run("openssl", arguments)
        guard result.exitCode == 0 else {
            throw TestSupportError(
                .processFailed,
                "openssl \(arguments.prefix(2).joined(separator: " ")) failed (\(result.exitCode)): "
                    + result.standardError
            )
        }
    }
}
