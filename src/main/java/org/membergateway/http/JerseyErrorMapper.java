package org.membergateway.http;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.server.ParamException;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.RuntimeResource;

/**
 * Jersey's own refusals (no such path, a method or content type the resource does not take, an
 * unacceptable {@code Accept}, a parameter that does not convert) in the one error body, saying
 * what to send instead, rather than Jersey's bare status or Dropwizard's {@code {"code": …}}.
 *
 * <p>The message is written here, never taken from Jersey: its messages can quote the request.
 * Headers the refusal carries ({@code Allow}, {@code WWW-Authenticate}, {@code Retry-After}) are
 * kept; a redirect, or a response a resource built with its own body, passes unchanged. A page's
 * refusal keeps its status and headers without a body, which {@code web.PageResponses} renders as
 * a page in the reader's language.
 */
public final class JerseyErrorMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    private ExtendedUriInfo uriInfo;
    @Context
    private HttpHeaders headers;
    @Context
    private Request request;

    @Override
    public Response toResponse(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status < 400 || original.hasEntity()) {
            return original;
        }
        if (isPage()) {
            // The page filter (web.PageResponses) renders the status as a page in the reader's language.
            Response.ResponseBuilder page = Response.status(status);
            copyHeaders(original, page);
            return page.build();
        }
        ErrorResponse body;
        if (e instanceof ParamException param && param.getParameterType() != jakarta.ws.rs.PathParam.class) {
            // A query, header, cookie or form parameter that does not convert: the client's to fix.
            status = 400;
            body = ErrorResponse.ofField("INVALID_PARAMETER", param.getParameterName(),
                    param.getParameterName() + ": not a valid value for this parameter");
        } else {
            body = describe(status, e);
        }
        Response.ResponseBuilder answer = Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body);
        copyHeaders(original, answer);
        return answer.build();
    }

    private static void copyHeaders(Response original, Response.ResponseBuilder answer) {
        original.getHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> answer.header(name, value));
            }
        });
    }

    /** Everything but the JSON API and the static assets is a page (as web.PageResponses reads it). */
    private boolean isPage() {
        String path;
        try {
            path = uriInfo == null ? null : uriInfo.getPath();
        } catch (RuntimeException outsideARequest) {
            return false;
        }
        if (path == null) {
            return false;
        }
        String p = path.startsWith("/") ? path.substring(1) : path;
        return !p.startsWith("api/") && !p.startsWith("assets/");
    }

    private ErrorResponse describe(int status, WebApplicationException e) {
        return switch (status) {
            case 400 -> ErrorResponse.of("BAD_REQUEST", "The request is malformed; GET /api/v1/openapi.json describes "
                    + "what each endpoint takes.");
            case 404 -> ErrorResponse.of("NOT_FOUND", ownMessage(e, "There is nothing at this path; the API is under "
                    + "/api/v1 and GET /api/v1/openapi.json lists its endpoints."));
            case 405 -> ErrorResponse.of("METHOD_NOT_ALLOWED", method() + " is not allowed here"
                    + allowed(e.getResponse()) + ".");
            case 406 -> ErrorResponse.of("NOT_ACCEPTABLE", "This endpoint cannot answer in a type the Accept header "
                    + "allows; API endpoints answer application/json (downloads as documented), so send "
                    + "Accept: application/json or */*.");
            case 413 -> ErrorResponse.of("BODY_TOO_LARGE", "The request body is too large.");
            case 415 -> ErrorResponse.of("UNSUPPORTED_MEDIA_TYPE", unsupported());
            default -> {
                Response.StatusType type = Response.Status.fromStatusCode(status);
                String reason = type == null ? "HTTP " + status : type.getReasonPhrase();
                yield ErrorResponse.of(reason.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9]+", "_"),
                        reason + ".");
            }
        };
    }

    /** Our own resources throw NotFoundException with a sentence for people; Jersey's says "HTTP 404 Not Found". */
    private static String ownMessage(WebApplicationException e, String fallback) {
        String message = e.getMessage();
        return message == null || message.startsWith("HTTP ") || e.getCause() != null ? fallback : message;
    }

    private String method() {
        String method = request == null ? null : request.getMethod();
        return method == null || !method.matches("[A-Z]{1,16}") ? "This method" : method;
    }

    private static String allowed(Response response) {
        Set<String> allow = response.getAllowedMethods();
        return allow == null || allow.isEmpty() ? "" : "; allowed: " + allow.stream().sorted()
                .collect(Collectors.joining(", "));
    }

    /** Names what the endpoint takes for this method, when Jersey matched the path. */
    private String unsupported() {
        MediaType sent = headers == null ? null : headersMediaType();
        String got = sent == null ? "A request without Content-Type" : "Content-Type " + sent.getType() + "/"
                + sent.getSubtype();
        Set<String> accepted = new LinkedHashSet<>();
        // The path matched (else it would be a 404): its resource says what the method takes.
        List<RuntimeResource> matched = uriInfo == null ? List.of() : uriInfo.getMatchedRuntimeResources();
        if (!matched.isEmpty()) {
            for (Resource resource : matched.get(0).getResources()) {
                for (ResourceMethod method : resource.getResourceMethods()) {
                    if (request == null || method.getHttpMethod().equals(request.getMethod())) {
                        method.getConsumedTypes().forEach(t -> accepted.add(t.getType() + "/" + t.getSubtype()));
                    }
                }
            }
        }
        accepted.remove("*/*");
        String want = accepted.isEmpty()
                ? "JSON bodies need Content-Type: application/json (GET /api/v1/openapi.json says what each endpoint takes)"
                : "send Content-Type: " + String.join(" or ", accepted);
        return got + " is not accepted here; " + want + ".";
    }

    private MediaType headersMediaType() {
        try {
            MediaType type = headers.getMediaType();
            // Only a well-formed token pair is repeated back.
            return type != null && (type.getType() + "/" + type.getSubtype()).matches("[A-Za-z0-9.+*-]{1,40}/[A-Za-z0-9.+*-]{1,80}")
                    ? type : null;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
