import AssetFetch
import Testing

/// libcurl result numbers (from libcurl-errors(3)) mapped to failure classes.
@Suite
struct CurlResultMappingTests {
    static let cases: [(Int, String, FetchError.Code)] = [
        (1, "Protocol \"file\" not supported", .badScheme),
        // Code 1 is also what a reply without an HTTP status line gives (found by the fault torture run).
        (1, "Received HTTP/0.9 when not allowed", .protocolError),
        (1, "Unsupported HTTP version in response", .protocolError),
        (3, "URL using bad/illegal format", .invalidURL),
        (5, "Could not resolve proxy: p", .dns),
        (6, "Could not resolve host: images.example.test", .dns),
        (7, "Failed to connect to 127.0.0.1 port 1: Connection refused", .connect),
        (8, "Weird server reply", .protocolError),
        (16, "Error in the HTTP2 framing layer", .protocolError),
        (18, "transfer closed with 4000 bytes remaining to read", .truncated),
        (23, "Failure writing output to destination", .sinkFailed),
        (28, "Operation timed out after 500 milliseconds with 0 bytes received", .timeout),
        (28, "Connection timed out after 5001 milliseconds", .timeout),
        (28, "Operation too slow. Less than 10000 bytes/sec transferred the last 1 seconds", .tooSlow),
        (35, "OpenSSL SSL_connect: SSL_ERROR_SYSCALL", .tls),
        (42, "Callback aborted", .cancelled),
        (47, "Maximum (3) redirects followed", .tooManyRedirects),
        (52, "Empty reply from server", .connectionReset),
        (55, "Send failure: Connection reset by peer", .connectionReset),
        (56, "Recv failure: Connection reset by peer", .connectionReset),
        (56, "Illegal or missing hexadecimal sequence in chunked-encoding", .protocolError),
        (58, "unable to set private key file", .tls),
        (60, "SSL certificate problem: unable to get local issuer certificate", .tls),
        (63, "Maximum file size exceeded", .tooBig),
        (77, "error setting certificate file: /nope", .tls),
        (92, "Stream error in the HTTP/2 framing layer", .connectionReset),
    ]

    @Test(arguments: cases)
    func mapsResultCodes(raw: Int, message: String, expected: FetchError.Code) {
        #expect(CurlResultMapping.code(forCurlResult: raw, message: message, hadRefusedAddress: false) == expected)
    }

    @Test
    func aConnectFailureAfterARefusedAddressIsARefusal() {
        #expect(CurlResultMapping.code(forCurlResult: 7, message: "", hadRefusedAddress: true) == .refusedAddress)
        #expect(CurlResultMapping.code(forCurlResult: 28, message: "", hadRefusedAddress: true) == .timeout)
    }
}
