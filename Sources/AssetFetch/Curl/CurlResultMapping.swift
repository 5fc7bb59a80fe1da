import CAssetCurl

/// Maps libcurl result codes to `FetchError` codes.
package enum CurlResultMapping {
    /// The code for a libcurl result given by its number (`CURLE_COULDNT_RESOLVE_HOST` is 6). Pure.
    /// - Parameters:
    ///   - message: libcurl's error-buffer text (tells the low-speed abort from other timeouts).
    ///   - hadRefusedAddress: whether the address policy refused an address during the transfer.
    package static func code(forCurlResult raw: Int, message: String, hadRefusedAddress: Bool) -> FetchError.Code {
        code(
            for: CURLcode(UInt32(clamping: max(0, raw))),
            message: message,
            refusedAddresses: hadRefusedAddress ? ["x"] : []
        )
    }

    /// The error for a transfer that libcurl finished with `result` (not `CURLE_OK`).
    /// - Parameters:
    ///   - message: libcurl's error-buffer text.
    ///   - refusedAddresses: addresses the address policy refused during this transfer.
    static func error(
        for result: CURLcode,
        url: String,
        message: String,
        refusedAddresses: [String],
        osErrno: Int32?
    ) -> FetchError {
        let code = self.code(for: result, message: message, refusedAddresses: refusedAddresses)
        var text = "\(url): \(message)"
        if code == .refusedAddress {
            text =
                "\(url): refused to connect to \(refusedAddresses.joined(separator: ", ")) (private networks are not allowed)"
        }
        return FetchError(code, text, curlCode: Int(result.rawValue), osErrno: osErrno)
    }

    static func code(for result: CURLcode, message: String, refusedAddresses: [String]) -> FetchError.Code {
        switch result {
        case CURLE_COULDNT_CONNECT:
            return refusedAddresses.isEmpty ? .connect : .refusedAddress
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            return .dns
        case CURLE_OPERATION_TIMEDOUT:
            // libcurl reports the low-speed abort with the same code; its message says "too slow".
            return message.lowercased().contains("too slow") ? .tooSlow : .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_PEER_FAILED_VERIFICATION, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ISSUER_ERROR, CURLE_SSL_PINNEDPUBKEYNOTMATCH,
            CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_CRL_BADFILE, CURLE_SSL_SHUTDOWN_FAILED, CURLE_USE_SSL_FAILED:
            return .tls
        case CURLE_FILESIZE_EXCEEDED:
            return .tooBig
        case CURLE_UNSUPPORTED_PROTOCOL:
            // The same code covers a refused scheme (`Protocol "file" not supported or disabled in libcurl`, e.g.
            // after a redirect) and a reply that is not HTTP at all (no status line: "Received HTTP/0.9 when not
            // allowed"; "Unsupported HTTP version in response").
            return message.hasPrefix("Protocol ") ? .badScheme : .protocolError
        case CURLE_URL_MALFORMAT:
            return .invalidURL
        case CURLE_TOO_MANY_REDIRECTS:
            return .tooManyRedirects
        case CURLE_PARTIAL_FILE:
            return .truncated
        case CURLE_RECV_ERROR:
            // Also what a malformed chunked body gives ("Illegal or missing hexadecimal sequence in
            // chunked-encoding"): a protocol error, not a dropped connection worth retrying.
            return message.lowercased().contains("chunk") ? .protocolError : .connectionReset
        case CURLE_GOT_NOTHING, CURLE_SEND_ERROR, CURLE_HTTP2_STREAM:
            return .connectionReset
        case CURLE_WEIRD_SERVER_REPLY, CURLE_HTTP2, CURLE_BAD_CONTENT_ENCODING:
            return .protocolError
        case CURLE_ABORTED_BY_CALLBACK:
            return .cancelled
        case CURLE_WRITE_ERROR:
            return .sinkFailed
        default:
            return .protocolError
        }
    }
}
