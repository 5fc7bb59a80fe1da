import AssetAPI
import Hummingbird
import NIOCore

/// Builders for the control API's responses.
enum HTTPResponses {
    static let jsonType = "application/json; charset=utf-8"

    /// A JSON document with the given status.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let data = try APIJSON.encode(value)
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        buffer.writeString("\n")
        return Response(status: status, headers: [.contentType: jsonType], body: ResponseBody(byteBuffer: buffer))
    }

    /// The error document for any error, with its status.
    static func error(_ error: any Error) -> Response {
        let document = APIErrorMapping.document(for: error)
        let status = HTTPResponse.Status(code: document.httpStatus)
        // Encoding a struct of two strings does not fail; fall back to plain text if it ever did.
        if let response = try? json(document, status: status) { return response }
        return Response(status: status, body: ResponseBody(byteBuffer: ByteBuffer(string: document.error.message)))
    }

    /// Wraps a route handler so that every thrown error becomes the API's error document.
    static func handle<Context: RequestContext>(
        _ body: @escaping @Sendable (Request, Context) async throws -> Response
    ) -> @Sendable (Request, Context) async throws -> Response {
        { request, context in
            do {
                return try await body(request, context)
            } catch {
                return Self.error(error)
            }
        }
    }
}

/// Turns Hummingbird's own errors (no route, body too large) into the API's error document.
struct APIErrorMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError {
            let code: APIErrorCode =
                switch error.status.code {
                case 404: .notFound
                case 405: .methodNotAllowed
                case 413: .payloadTooLarge
                case 415: .unsupportedMediaType
                case 400..<500: .badRequest
                default: .internal
                }
            let message = error.body ?? "\(request.method) \(request.uri.path): \(error.status.reasonPhrase)"
            return HTTPResponses.error(APIErrorDocument(code: code, message: message))
        }
    }
}
