package org.membergateway.signin;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import org.membergateway.auth.Requester;
import org.membergateway.http.ClientAddress;
import org.membergateway.http.ErrorResponse;

/**
 * Authenticates a request to an endpoint that needs a caller (registered per method by
 * {@link AccessControlFeature}): reads {@code Authorization}, asks {@link GatewayAuthenticator},
 * and sets the {@link Requester} as the request's security context, or answers at once:
 * 401 with {@code WWW-Authenticate}, 429 when the username is locked, 503 when the audit trail
 * cannot record the failure. Malformed credentials are tallied like wrong passwords
 * ({@link GatewayAuthenticator#malformed}).
 *
 * <p>People's endpoints take only HTTP Basic and vendor endpoints only Bearer: an API key sent to
 * a people's endpoint is refused unread, as is a password sent to a vendor endpoint.
 */
final class AuthenticationFilter implements ContainerRequestFilter {

    static final String REALM = "member-gateway";
    /** Longest Authorization header looked at: a 64-character username and a 1024-character password fit. */
    static final int MAX_HEADER = 8 * 1024;

    private final GatewayAuthenticator authenticator;
    private final boolean people;
    private final boolean vendors;

    AuthenticationFilter(GatewayAuthenticator authenticator, boolean people, boolean vendors) {
        this.authenticator = authenticator;
        this.people = people;
        this.vendors = vendors;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isBlank()) {
            abort(request, unauthorized("UNAUTHORIZED", people && vendors
                    ? "Sign in: HTTP Basic for people, Bearer API key for vendors."
                    : people ? "Sign in with HTTP Basic (username and password)."
                    : "Authenticate with the vendor API key: Authorization: Bearer <key>."));
            return;
        }
        if (header.length() > MAX_HEADER) {
            abort(request, unauthorized("MALFORMED_CREDENTIALS", authenticator.malformed(ClientAddress.of(request),
                    "The Authorization header is too long.").getMessage()));
            return;
        }
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        String value = space < 0 ? "" : header.substring(space + 1).strip();
        try {
            Requester requester;
            if (scheme.equals("basic") && people) {
                requester = basic(value, ClientAddress.of(request));
            } else if (scheme.equals("bearer") && vendors) {
                requester = authenticator.vendor(value, ClientAddress.of(request));
            } else if (scheme.equals("bearer") || scheme.equals("basic")) {
                abort(request, unauthorized("WRONG_SCHEME", people
                        ? "This endpoint is for people: sign in with HTTP Basic. Vendor API keys are accepted only on /api/v1/vendor/ endpoints."
                        : "This endpoint is for vendors: use Authorization: Bearer <API key>."));
                return;
            } else {
                abort(request, unauthorized("MALFORMED_CREDENTIALS", authenticator.malformed(ClientAddress.of(request),
                        "Unsupported authorization scheme.").getMessage()));
                return;
            }
            request.setSecurityContext(new RequesterSecurityContext(requester, request.getSecurityContext() != null
                    && request.getSecurityContext().isSecure()));
        } catch (AuthenticationFailure failure) {
            abort(request, switch (failure.kind()) {
                case LOCKED -> Response.status(429)
                        .header("Retry-After", Math.max(1, failure.retryAfter().toSeconds()
                                + (failure.retryAfter().toMillisPart() > 0 ? 1 : 0)))
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ErrorResponse.of("LOCKED", failure.getMessage()));
                case BUSY -> Response.status(Response.Status.SERVICE_UNAVAILABLE)
                        .header("Retry-After", failure.retryAfter().toSeconds())
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .entity(ErrorResponse.of("BUSY", failure.getMessage()));
                case MALFORMED -> unauthorized("MALFORMED_CREDENTIALS", failure.getMessage());
                case BAD_CREDENTIALS -> unauthorized("UNAUTHORIZED", failure.getMessage());
            });
        }
        // AuditUnavailableException passes through to its mapper: a failure that cannot be recorded is a 503.
    }

    private Requester basic(String value, String source) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(value);
        } catch (IllegalArgumentException e) {
            throw authenticator.malformed(source, "The Basic credentials are not valid base64.");
        }
        char[] chars;
        try {
            CharBuffer buffer = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded));
            chars = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
            Arrays.fill(buffer.array(), '\0');
        } catch (CharacterCodingException e) {
            throw authenticator.malformed(source, "The Basic credentials are not UTF-8.");
        } finally {
            Arrays.fill(decoded, (byte) 0);
        }
        try {
            int colon = -1;
            for (int i = 0; i < chars.length; i++) {
                if (chars[i] == ':') {
                    colon = i;
                    break;
                }
            }
            if (colon < 0) {
                throw authenticator.malformed(source, "The Basic credentials have no ':' between username and password.");
            }
            String username = new String(chars, 0, colon);
            char[] password = Arrays.copyOfRange(chars, colon + 1, chars.length);
            try {
                return authenticator.person(username, password, source);
            } finally {
                Arrays.fill(password, '\0');
            }
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private Response.ResponseBuilder unauthorized(String error, String message) {
        Response.ResponseBuilder response = Response.status(Response.Status.UNAUTHORIZED)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(error, message));
        if (people) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        }
        if (vendors) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"" + REALM + "\"");
        }
        return response;
    }

    private static void abort(ContainerRequestContext request, Response.ResponseBuilder response) {
        request.abortWith(response.build());
    }
}
