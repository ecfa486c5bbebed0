package org.membergateway.signin;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.auth.ServerSecret;

/**
 * Sessions of people signed in to the pages. The cookie carries a random 256-bit token; the
 * database keeps only its keyed hash, with the person, the security stamp the sign-in holds under
 * and the session's CSRF token. Each request reads the person afresh ({@link
 * GatewayAuthenticator#current}), so a role taken away, a new password or a lockout ends what it
 * should at once, on every instance.
 */
public final class WebSessions {

    private static final String DOMAIN = "member-gateway web session v1";
    /** last_seen_at is written at most this often: a page view is not a database write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final GatewayAuthenticator authenticator;
    private final ServerSecret secret;
    private final AuditTrail audit;
    private final Clock clock;
    private final Duration idle;
    private final Duration absolute;
    private final SecureRandom random = new SecureRandom();

    public WebSessions(Jdbi jdbi, GatewayAuthenticator authenticator, ServerSecret secret, AuditTrail audit, Clock clock,
                       AuthConfiguration config) {
        this.jdbi = jdbi;
        this.authenticator = authenticator;
        this.secret = secret;
        this.audit = audit;
        this.clock = clock;
        this.idle = config.getSessionIdleTimeout().toJavaDuration();
        this.absolute = config.getSessionAbsoluteTimeout().toJavaDuration();
    }

    /** A session in use: who it is for now, and the token its forms must carry. */
    public record Active(long id, Requester requester, String csrfToken) {
        @Override
        public String toString() {
            return "Session[" + id + ", " + requester + ", csrf [REDACTED]]";
        }
    }

    /** A new session: the cookie value (shown to the browser only) and the session. */
    public record Started(String token, Active session) {
        @Override
        public String toString() {
            return "Started[" + session + ", token [REDACTED]]";
        }
    }

    /**
     * Signs a person in with username and password, sent from {@code source} (the client's
     * address): the same lockout, audit and checks as the API.
     *
     * @throws AuthenticationFailure if not accepted
     */
    public Started signIn(String username, char[] password, String source) {
        GatewayAuthenticator.Verified verified = authenticator.verify(username, password, source);
        String token = randomToken();
        String csrf = randomToken();
        OffsetDateTime now = now();
        long id = jdbi.inTransaction(h -> {
            long session = h.attach(WebSessionDao.class).insert(digest(token), verified.personId(),
                    verified.securityStamp(), csrf, now, now.plus(absolute));
            audit.record(AuditEvent.of(AuditEventType.SESSION, verified.requester().actor(), "web-session:" + session)
                    .withDecision("STARTED"));
            return session;
        });
        return new Started(token, new Active(id, verified.requester(), csrf));
    }

    /** The session a cookie names, if it is still good: not idle too long, not past its limit, the person unchanged. */
    public Optional<Active> resolve(String token) {
        if (token == null || token.length() != 43) {
            return Optional.empty();
        }
        OffsetDateTime now = now();
        return jdbi.withExtension(WebSessionDao.class, sessions -> {
            Optional<WebSessionDao.Row> found = sessions.find(digest(token));
            if (found.isEmpty()) {
                return Optional.empty();
            }
            WebSessionDao.Row row = found.get();
            if (!now.isBefore(row.expiresAt()) || !now.isBefore(row.lastSeenAt().plus(idle))) {
                sessions.delete(row.id());
                return Optional.empty();
            }
            Optional<Requester> requester = authenticator.current(row.personId(), row.securityStamp());
            if (requester.isEmpty()) {
                sessions.delete(row.id());
                return Optional.empty();
            }
            if (!now.isBefore(row.lastSeenAt().plus(TOUCH_EVERY))) {
                sessions.touch(row.id(), now);
            }
            return Optional.of(new Active(row.id(), requester.get(), row.csrfToken()));
        });
    }

    /** Ends the session (sign-out); audited. */
    public void signOut(Active session) {
        jdbi.useTransaction(h -> {
            if (h.attach(WebSessionDao.class).delete(session.id()) == 1) {
                audit.record(AuditEvent.of(AuditEventType.SESSION, session.requester().actor(), "web-session:" + session.id())
                        .withDecision("ENDED"));
            }
        });
    }

    /** Removes sessions nobody can use any more; returns how many. */
    public int sweep() {
        OffsetDateTime now = now();
        return jdbi.withExtension(WebSessionDao.class, sessions -> sessions.deleteExpired(now, now.minus(idle)));
    }

    /** The session of a page request that its filter signed in; null on a public page. */
    public static Active of(jakarta.ws.rs.container.ContainerRequestContext request) {
        return (Active) request.getProperty(SessionAuthenticationFilter.SESSION_PROPERTY);
    }

    /** Whether a form's token is the session's: compared in constant time. */
    public static boolean csrfMatches(Active session, String presented) {
        return presented != null && MessageDigest.isEqual(session.csrfToken().getBytes(java.nio.charset.StandardCharsets.US_ASCII),
                presented.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    }

    /** A token for a form shown before sign-in (the login form's double-submit cookie). */
    public String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public Duration idleTimeout() {
        return idle;
    }

    private byte[] digest(String token) {
        return secret.mac(DOMAIN, token);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }
}
