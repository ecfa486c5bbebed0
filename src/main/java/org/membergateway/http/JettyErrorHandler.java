package org.membergateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * What Jetty answers itself, before a request reaches Jersey (headers over the limit, a URI too
 * long, a request line it cannot parse): the one JSON error body on {@code /api/}, naming the
 * limit where there is one, instead of Jetty's HTML page with its own wording. Pages keep Jetty's
 * page, without stacks or the offending text.
 */
public final class JettyErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final long maxRequestHeaderBytes;

    public JettyErrorHandler(long maxRequestHeaderBytes) {
        this.maxRequestHeaderBytes = maxRequestHeaderBytes;
        setShowStacks(false);
        setShowCauses(false);
        setShowMessageInTitle(false);
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) throws java.io.IOException {
        String path = request.getHttpURI() == null ? null : request.getHttpURI().getPath();
        if (path != null && !path.startsWith("/api/")) {
            super.generateResponse(request, response, code, null, null, callback);
            return;
        }
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(code)), callback);
    }

    /** Used by Jetty for a request it could not even parse into one. */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(new HttpField(HttpHeader.CONTENT_TYPE, "application/json"));
        return ByteBuffer.wrap(body(status));
    }

    byte[] body(int code) {
        ErrorResponse error = switch (code) {
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> ErrorResponse.of("HEADERS_TOO_LARGE",
                    "The request line and headers are larger than " + kib(maxRequestHeaderBytes)
                            + ", the most the gateway reads; send fewer or shorter headers (and cookies).");
            case HttpStatus.URI_TOO_LONG_414 -> ErrorResponse.of("URI_TOO_LONG", "The request URI is longer than "
                    + kib(maxRequestHeaderBytes) + ", the most the gateway reads; shorten the query.");
            case HttpStatus.PAYLOAD_TOO_LARGE_413 -> ErrorResponse.of("BODY_TOO_LARGE", "The request body is too large.");
            case HttpStatus.BAD_REQUEST_400 -> ErrorResponse.of("BAD_REQUEST",
                    "The request is not valid HTTP (request line, headers or body framing).");
            default -> {
                String reason = HttpStatus.getMessage(code);
                yield ErrorResponse.of(code >= 500 ? "INTERNAL_ERROR"
                        : reason.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"), reason + ".");
            }
        };
        try {
            return JSON.writeValueAsBytes(error);
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"" + error.error() + "\",\"message\":\"\"}").getBytes(StandardCharsets.UTF_8);
        }
    }

    private static String kib(long bytes) {
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }
}
