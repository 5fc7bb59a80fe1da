import ArgumentParser
import AssetAPI
import AssetCLI
import AssetFetch
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite("client failure messages and exit statuses")
struct ClientFailuresTests {
    @Test("a daemon that is not running and a socket we may not open read differently, both exit 3")
    func unreachableVersusDenied() {
        let missing = ClientFailures.transport(FetchError(.connect, "x", osErrno: ENOENT), socketPath: "/run/a.sock")
        let refused = ClientFailures.transport(
            FetchError(.connect, "x", osErrno: ECONNREFUSED),
            socketPath: "/run/a.sock"
        )
        let denied = ClientFailures.transport(FetchError(.connect, "x", osErrno: EACCES), socketPath: "/run/a.sock")
        #expect(missing.message == "cannot reach assetd at /run/a.sock: is it running? (systemctl status assetd)")
        #expect(refused.message == missing.message)
        #expect(denied.message.hasPrefix("permission denied on /run/a.sock"))
        #expect(denied.message != missing.message)
        for failure in [missing, refused, denied] {
            #expect(failure.exitCode == CLIExitStatus.unreachable)
            #expect(!failure.message.contains("\n"))
        }
    }

    @Test(
        "an API error prints its message and maps its code",
        arguments: [
            (APIErrorCode.notFound, Int32(1)),
            (.invalidQuery, 2),
            (.badRequest, 2),
            (.conflict, 1),
            (.upstreamFailed, 1),
            (.internal, 1),
        ]
    )
    func apiError(code: APIErrorCode, status: Int32) {
        let body = APIFixtures.json(APIErrorDocument(code: code, message: "no article 42"))
        let failure = ClientFailures.api(status: code.httpStatus, body: Array(body.utf8))
        #expect(failure.message == "no article 42")
        #expect(failure.exitCode.rawValue == status)
    }

    @Test("every API code maps to 1 or 2")
    func everyCode() {
        for code in APIErrorCode.allCases {
            #expect([1, 2].contains(CLIExitStatus.forAPIError(code).rawValue))
        }
    }

    @Test("a non-JSON error body still names the status")
    func plainErrorBody() {
        let failure = ClientFailures.api(status: 502, body: Array("bad gateway\n".utf8))
        #expect(failure.message == "assetd answered HTTP 502: bad gateway")
        #expect(failure.exitCode == CLIExitStatus.failed)
    }
}
