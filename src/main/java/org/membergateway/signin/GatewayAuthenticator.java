package org.membergateway.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.shiro.authc.AuthenticationException;
import org.apache.shiro.authc.AuthenticationInfo;
import org.apache.shiro.authc.AuthenticationToken;
import org.apache.shiro.authc.BearerToken;
import org.apache.shiro.authc.UsernamePasswordToken;
import org.apache.shiro.authc.pam.ModularRealmAuthenticator;
import org.apache.shiro.authc.pam.UnsupportedTokenException;
import org.apache.shiro.mgt.DefaultSecurityManager;
import org.apache.shiro.mgt.SecurityManager;
import org.apache.shiro.realm.Realm;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTally;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.ApiKeys;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.Passwords;
import org.membergateway.auth.Requester;
import org.membergateway.auth.ServerSecret;
import org.membergateway.auth.Usernames;
import org.membergateway.directory.Account;
import org.membergateway.directory.Lockouts;
import org.membergateway.directory.PeopleDao;
import org.membergateway.directory.PersonGrants;
import org.membergateway.directory.VendorCredentialDao;
import org.membergateway.http.ClientAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns presented credentials into a {@link Requester}: HTTP Basic for people, Bearer API keys for
 * vendors. Shiro's security manager and the two realms check the credentials; around it this
 * class adds what a stateless API needs:
 *
 * <ul>
 * <li><b>Verified-credentials cache.</b> Argon2id runs once per username and password; for
 *     {@code credentialCacheTtl} afterwards the same pair is accepted from a cache keyed by
 *     HMAC(server secret, username, password), after one indexed read that the person's
 *     {@code security_stamp} is unchanged. A password reset, role or scope change, or lockout
 *     raises the stamp and so ends cached sign-ins on every instance.</li>
 * <li><b>Lockout with back-off</b> per username ({@link LoginThrottle}): each attempt is counted
 *     before Argon2id runs, the same for unknown usernames.</li>
 * <li><b>Audit, fail closed.</b> Rejected passwords and keys are tallied as LOGIN_FAILURE per
 *     source, name and window ({@link AuditTally}: an entry for the first, a summary for the rest),
 *     a name that is no account only as a keyed hash; an account's lock is recorded as LOCKOUT.
 *     If the trail cannot record what it must, the caller gets
 *     {@link org.membergateway.audit.AuditUnavailableException} (503).</li>
 * </ul>
 */
public final class GatewayAuthenticator implements Lockouts {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayAuthenticator.class);
    private static final String CACHE_DOMAIN = "member-gateway signed-in v1";
    private static final String THROTTLE_DOMAIN = "member-gateway throttle v1";
    private static final String AUDIT_NAME_DOMAIN = "member-gateway audit name v1";
    private static final long PASSWORD_CHECK_WAIT_SECONDS = 5;
    /** The tallied subject of malformed credentials: nothing of what was sent. */
    public static final String MALFORMED_SUBJECT = "credentials:malformed";

    /**
     * A person whose password was just verified: who they are now, and the security stamp the
     * verification holds under (a change of password, roles, scopes or a lockout moves it).
     */
    public record Verified(long personId, long securityStamp, Requester requester) {
    }

    /**
     * What the cache keeps: the grants with their terms, not the roles they gave at sign-in, so a
     * term that ends (or starts) takes effect at the next request without a stamp change.
     */
    private record CachedSignIn(long personId, long securityStamp, PersonGrants grants) {
    }

    /** Counts sign-in lockouts; never which name was locked. */
    @FunctionalInterface
    public interface LockoutCounter {
        LockoutCounter NONE = () -> { };

        void lockedOut();
    }

    private final PeopleDao people;
    private final LockoutCounter lockouts;

    private final PasswordHasher hasher;
    private final ServerSecret secret;
    private final LoginThrottle throttle;
    private final AuditTrail audit;
    private final AuditTally tally;
    private final Clock clock;
    private final SecurityManager shiro;
    private final Cache<String, CachedSignIn> verified;
    /**
     * Argon2id is CPU-bound and takes 19 MiB per run: more runs at once than cores only queue up and
     * cost memory. Bounding them keeps a flood of wrong passwords from exhausting the heap.
     */
    private final Semaphore passwordChecks = new Semaphore(Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    /**
     * @param people the directory's people, on demand (each call reads on its own or the thread's handle)
     * @param vendorKeys the directory's vendor credentials, on demand
     */
    public GatewayAuthenticator(PeopleDao people, VendorCredentialDao vendorKeys, PasswordHasher hasher,
                                ApiKeys apiKeys, ServerSecret secret, LoginThrottle throttle, AuditTrail audit,
                                AuditTally tally, Clock clock, Duration cacheTtl, int cacheMaxEntries) {
        this(people, vendorKeys, hasher, apiKeys, secret, throttle, audit, tally, clock, cacheTtl, cacheMaxEntries,
                LockoutCounter.NONE);
    }

    /** @param lockouts told every name locked (the server's metrics) */
    public GatewayAuthenticator(PeopleDao people, VendorCredentialDao vendorKeys, PasswordHasher hasher,
                                ApiKeys apiKeys, ServerSecret secret, LoginThrottle throttle, AuditTrail audit,
                                AuditTally tally, Clock clock, Duration cacheTtl, int cacheMaxEntries,
                                LockoutCounter lockouts) {
        this.lockouts = lockouts;
        this.people = people;
        this.hasher = hasher;
        this.secret = secret;
        this.throttle = throttle;
        this.audit = audit;
        this.tally = tally;
        this.clock = clock;
        DefaultSecurityManager manager = new DefaultSecurityManager();
        manager.setAuthenticator(new RoutingAuthenticator());
        manager.setRealms(List.of(new PersonRealm(people, hasher), new VendorRealm(vendorKeys, apiKeys)));
        this.shiro = manager;
        this.verified = Caffeine.newBuilder()
                .expireAfterWrite(cacheTtl)
                .maximumSize(cacheMaxEntries)
                .build();
    }

    /**
     * A person by username and password, from a caller whose address is not known (commands, tests).
     *
     * @throws AuthenticationFailure if not accepted
     * @throws org.membergateway.audit.AuditUnavailableException if the failure could not be recorded
     */
    public Requester person(String rawUsername, char[] password) {
        return verify(rawUsername, password, ClientAddress.UNKNOWN).requester();
    }

    /**
     * A person by username and password, sent from {@code source} (the client's address).
     *
     * @throws AuthenticationFailure if not accepted
     * @throws org.membergateway.audit.AuditUnavailableException if the failure could not be recorded
     */
    public Requester person(String rawUsername, char[] password, String source) {
        return verify(rawUsername, password, source).requester();
    }

    /**
     * A person by username and password, with the stamp a page session is tied to. The same checks,
     * lockout and audit as {@link #person}: the form and the API share one throttle.
     *
     * @throws AuthenticationFailure if not accepted
     * @throws org.membergateway.audit.AuditUnavailableException if the failure could not be recorded
     */
    public Verified verify(String rawUsername, char[] password, String source) {
        if (password.length == 0 || password.length > Passwords.MAX_LENGTH) {
            throw malformed(source, "The password is empty or longer than " + Passwords.MAX_LENGTH + " characters.");
        }
        String username = Usernames.normalize(rawUsername).orElseThrow(() -> malformed(source,
                "The username is not a valid username (2-" + Usernames.MAX_LENGTH + " of a-z 0-9 . _ @ -)."));
        String cacheKey = Base64.getEncoder().encodeToString(secret.mac(CACHE_DOMAIN, username, password));
        CachedSignIn cached = verified.getIfPresent(cacheKey);
        if (cached != null) {
            Optional<Long> stamp = people.securityStamp(cached.personId());
            if (stamp.isPresent() && stamp.get() == cached.securityStamp()) {
                return new Verified(cached.personId(), cached.securityStamp(), requester(cached.grants(), clock.instant()));
            }
            verified.invalidate(cacheKey);
        }
        byte[] nameKey = secret.mac(THROTTLE_DOMAIN, username);
        // Counted before the password is checked, in one step with the lock check: concurrent guesses
        // cannot all pass a check that only the failures after them would close.
        LoginThrottle.Admission admission = throttle.admit(nameKey);
        switch (admission.outcome()) {
            case LOCKED -> throw AuthenticationFailure.locked(Duration.between(clock.instant(), admission.lockedUntil()));
            case LOCKED_NOW -> throw locked(username, admission.attempt(), admission.lockedUntil());
            case ADMITTED -> { }
        }
        Account account;
        UsernamePasswordToken token = new UsernamePasswordToken(username, password.clone());
        acquirePasswordCheck();
        try {
            account = (Account) shiro.authenticate(token).getPrincipals().getPrimaryPrincipal();
        } catch (AuthenticationException e) {
            rethrowIfNotACredentialsProblem(e);
            account = null;
        } finally {
            passwordChecks.release();
            token.clear();
        }
        if (account == null) {
            passwordRejected(username, nameKey, source);
            throw AuthenticationFailure.badPassword();
        }
        if (account.disabled()) {
            // Said only to whoever knows the password; the attempt is not a guess and counts as none.
            throw AuthenticationFailure.disabled();
        }
        Optional<Instant> lockedMeanwhile = throttle.succeeded(nameKey);
        if (lockedMeanwhile.isPresent()) {
            // Others spent the name's budget while this password was checked: the lock wins.
            throw AuthenticationFailure.locked(Duration.between(clock.instant(), lockedMeanwhile.get()));
        }
        if (hasher.needsRehash(account.passwordHash())) {
            people.rehash(account.id(), account.passwordHash(), hasher.hash(password));
        }
        Optional<PersonGrants> grants = people.grants(account.id());
        if (grants.isEmpty()) {
            // Disabled (or removed) while the password was checked.
            throw AuthenticationFailure.disabled();
        }
        verified.put(cacheKey, new CachedSignIn(account.id(), account.securityStamp(), grants.get()));
        return new Verified(account.id(), account.securityStamp(), requester(grants.get(), clock.instant()));
    }

    /**
     * The person as they are now, if nothing that ends a sign-in has happened since {@code
     * securityStamp} (password, roles, scopes, lockout): what a page session is worth on each request.
     * Roles and scopes are read afresh and their terms evaluated now, so a role taken away, or whose
     * term ended, is gone at once; a disabled person has no session.
     */
    public Optional<Requester> current(long personId, long securityStamp) {
        Optional<Long> stamp = people.securityStamp(personId);
        if (stamp.isEmpty() || stamp.get() != securityStamp) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return people.grants(personId).map(grants -> requester(grants, now));
    }

    /** One indexed read per name (the people list shows a page at a time). */
    @Override
    public java.util.Set<String> locked(java.util.Collection<String> usernames) {
        java.util.Set<String> locked = new java.util.HashSet<>();
        for (String username : usernames) {
            if (throttle.lockedUntil(secret.mac(THROTTLE_DOMAIN, username)).isPresent()) {
                locked.add(username);
            }
        }
        return locked;
    }

    /** An administrator ends the lock: the name's failures are forgotten, and so is its back-off. */
    @Override
    public void unlock(String username) {
        throttle.clear(secret.mac(THROTTLE_DOMAIN, username));
    }

    /**
     * A vendor by API key, sent from {@code source} (the client's address).
     *
     * @throws AuthenticationFailure if not accepted
     * @throws org.membergateway.audit.AuditUnavailableException if the failure could not be recorded
     */
    public Requester vendor(String apiKey, String source) {
        try {
            AuthenticationInfo info = shiro.authenticate(new BearerToken(apiKey));
            return (Requester) info.getPrincipals().getPrimaryPrincipal();
        } catch (AuthenticationException e) {
            rethrowIfNotACredentialsProblem(e);
            // The key itself is never recorded, not even in part; a flood of them is one tally per source.
            tally.count(new AuditTally.Refusal(AuditEventType.LOGIN_FAILURE, "vendor:unknown", source, "BAD_API_KEY"));
            throw AuthenticationFailure.badApiKey();
        }
    }

    /**
     * Credentials that are not credentials at all (a header that is not base64 or has no ':', a
     * username outside the allowed characters, such as a look-alike with a Cyrillic letter, an empty
     * or overlong password), tallied as LOGIN_FAILURE per source and window under the one subject
     * {@value #MALFORMED_SUBJECT}: what was sent is never recorded, not even as a hash (it may be a
     * password), and a flood of them is one count per source.
     *
     * @return the failure to answer with (401 MALFORMED_CREDENTIALS)
     * @throws org.membergateway.audit.AuditUnavailableException if the first of a window could not be recorded
     */
    public AuthenticationFailure malformed(String source, String message) {
        tally.count(new AuditTally.Refusal(AuditEventType.LOGIN_FAILURE, MALFORMED_SUBJECT, source,
                "MALFORMED_CREDENTIALS"));
        return AuthenticationFailure.malformed(message);
    }

    /**
     * Shiro wraps every exception from a realm in an AuthenticationException; a database error is
     * not a wrong password and must not count as one (nor be audited as one).
     */
    private static void rethrowIfNotACredentialsProblem(AuthenticationException e) {
        if (e.getCause() instanceof RuntimeException cause && !(cause instanceof AuthenticationException)) {
            throw cause;
        }
    }

    private void acquirePasswordCheck() {
        try {
            if (!passwordChecks.tryAcquire(PASSWORD_CHECK_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw AuthenticationFailure.busy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AuthenticationFailure.busy();
        }
    }

    private void passwordRejected(String username, byte[] nameKey, String source) {
        LoginThrottle.Failure failure = throttle.recordFailure(nameKey);
        String name = auditName(username);
        tally.count(new AuditTally.Refusal(AuditEventType.LOGIN_FAILURE, name, source, "BAD_CREDENTIALS",
                !name.equals(username)));
        if (failure.lockedNow()) {
            throw locked(username, failure.failures(), failure.lockedUntil());
        }
    }

    /**
     * The name just locked: cached sign-ins of the person end too (a lock means "stop accepting this
     * name"), and an account's lock is recorded. A name that is no account is locked just the same,
     * but not recorded: its failures are in the tallies, and one entry per locked invented name
     * would let anyone fill the trail again.
     */
    private AuthenticationFailure locked(String username, int attempts, Instant until) {
        // Every lock, of an account or of an invented name: a rising count is someone guessing.
        lockouts.lockedOut();
        people.bumpSecurityStamp(username);
        if (people.id(username).isPresent()) {
            audit.record(AuditEvent.of(AuditEventType.LOCKOUT, username, null)
                    .withDecision("LOCKED").withReasons(List.of("TOO_MANY_FAILURES")));
        }
        LOG.warn("A username was locked after {} sign-in attempts, until {} (see the audit trail)", attempts, until);
        return AuthenticationFailure.locked(Duration.between(clock.instant(), until));
    }

    /**
     * How a tried name appears in the audit trail: an account's username as it is; any other name
     * only as a keyed hash, enough to see the same name tried again, never the name (it may be a
     * password typed into the wrong field, or someone's e-mail address).
     */
    String auditName(String username) {
        if (people.id(username).isPresent()) {
            return username;
        }
        return "name-hmac:" + HexFormat.of().formatHex(Arrays.copyOf(secret.mac(AUDIT_NAME_DOMAIN, username), 16));
    }

    /**
     * The principal a signed-in person becomes at {@code now}: the roles whose grants are ACTIVE and
     * in their term, a DESIGNEE limited to their designation.
     */
    static Requester requester(PersonGrants grants, Instant now) {
        java.util.Set<org.membergateway.auth.Role> roles = grants.rolesAt(now);
        org.membergateway.auth.Designation designation = grants.designationAt(now);
        if (designation == null) {
            roles.remove(org.membergateway.auth.Role.DESIGNEE);
        }
        return Requester.person(grants.username(), grants.displayName(), roles, grants.locals(),
                grants.regions(), grants.employerGroups(), grants.memberId(), designation);
    }

    /** Argon2id computations so far (for metrics and tests: sign-ins served from the cache add none). */
    /** Its counters as gauges: Argon2id computations so far, and sign-ins served from the cache (which add none). */
    public void registerMetrics(MetricRegistry metrics) {
        metrics.register(MetricRegistry.name(GatewayAuthenticator.class, "argon2-computations"), (Gauge<Long>) this::argon2Computations);
        metrics.register(MetricRegistry.name(GatewayAuthenticator.class, "cached-sign-ins"), (Gauge<Long>) this::cachedSignIns);
    }

    public long argon2Computations() {
        return hasher.computations();
    }

    /** Entries in the verified-credentials cache of this instance. */
    public long cachedSignIns() {
        return verified.estimatedSize();
    }

    /**
     * Shiro's authenticator asks every realm and, when several are configured, replaces their
     * exceptions with a generic one. Each token type here has exactly one realm: ask it alone.
     */
    private static final class RoutingAuthenticator extends ModularRealmAuthenticator {
        @Override
        protected AuthenticationInfo doAuthenticate(AuthenticationToken token) {
            assertRealmsConfigured();
            for (Realm realm : getRealms()) {
                if (realm.supports(token)) {
                    return doSingleRealmAuthentication(realm, token);
                }
            }
            throw new UnsupportedTokenException("no realm for " + token.getClass().getSimpleName());
        }
    }
}
