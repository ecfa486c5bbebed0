package org.membergateway.directory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.elections.Election;
import org.membergateway.elections.ElectionDao;
import org.membergateway.auth.Designation;
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.Passwords;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.auth.Usernames;
import org.membergateway.members.UnionDao;
import org.membergateway.policy.Office;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;

/**
 * The directory of people, candidacies and campaigns (README, HTTP API). Validates every field (a bad
 * one is a {@link DirectoryException} naming it, never a database error), and records every change
 * in the audit trail inside the change's transaction: if the trail cannot record it, the change is
 * rolled back and the caller gets 503.
 *
 * <p>Callers decide who may call what (the resources' role checks); this class decides what is
 * valid. {@code actor} is the audit trail's actor: a username, or {@code system}/{@code cli}.
 */
public final class DirectoryService {

    /** Most entries in one list field (roles, locals, ...); more is a mistake, not a directory. */
    public static final int MAX_LIST = 200;
    public static final int MAX_DISPLAY_NAME = 200;
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ELECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final AuditTrail audit;
    private final Clock clock;
    private final Lockouts lockouts;

    /**
     * @param clock what "now" is for role terms (grants start, end and are decided at it)
     * @param lockouts the sign-in lockout, for the people list and unlock
     */
    public DirectoryService(Jdbi jdbi, PasswordHasher hasher, AuditTrail audit, Clock clock, Lockouts lockouts) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.audit = audit;
        this.clock = clock;
        this.lockouts = lockouts;
    }

    /** Whether anyone holds the role now (bootstrap: is there an ADMIN yet?). */
    public boolean anyPersonWithRole(Role role) {
        return jdbi.withExtension(RoleGrantDao.class, grants -> grants.anyoneHolds(role, now()));
    }

    // ---- people ----------------------------------------------------------------------------

    /** {@code POST /people}: a new person. 409 if the username is taken. */
    public PersonView createPerson(String actor, NewPerson input) {
        if (input == null) {
            throw DirectoryException.invalid("body", "a JSON object with username, displayName, password and roles");
        }
        String username = username("username", input.username());
        String displayName = displayName(input.displayName());
        String passwordProblem = Passwords.problem(input.password());
        if (passwordProblem != null) {
            throw DirectoryException.invalid("password", passwordProblem);
        }
        Set<Role> roles = roles(input.roles());
        Designation designation = designationFor(roles, input.designation(), "designation");
        List<String> locals = locals(input.locals());
        List<String> regions = ids("regions", input.regions());
        List<String> groups = ids("employerGroups", input.employerGroups());
        String memberId = input.memberId() == null || input.memberId().isEmpty() ? null : input.memberId();
        if (memberId != null && !MEMBER_ID.matcher(memberId).matches()) {
            throw DirectoryException.invalid("memberId", "must be 1-32 of A-Z a-z 0-9 _ -");
        }
        // Hashed before the transaction: no connection is held through the slow part.
        String hash = hasher.hash(input.password().toCharArray());
        jdbi.useTransaction(h -> {
            PeopleDao people = h.attach(PeopleDao.class);
            UnionDao union = h.attach(UnionDao.class);
            checkScopes(union, locals, regions, groups);
            if (memberId != null && !union.memberExists(memberId)) {
                throw DirectoryException.invalid("memberId", "no member has this id");
            }
            long id = people.insert(username, displayName, hash, memberId).orElseThrow(() ->
                    DirectoryException.conflict("username", "a person with username " + username + " already exists"));
            people.replaceScopes(id, locals, regions, groups);
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username)
                    .withDecision("CREATED").withReasons(roleNames(roles)));
            OffsetDateTime now = now();
            for (Role role : roles) {
                grantIn(h, actor, id, username, role, now, role == Role.DESIGNEE ? OffsetDateTime.ofInstant(designation.until(), ZoneOffset.UTC) : null,
                        role == Role.DESIGNEE ? designation : null);
            }
        });
        return jdbi.withHandle(h -> person(h, username)).orElseThrow();
    }

    /**
     * Creates the person, or (if the username exists) replaces their password, and also their
     * display name and roles and scopes when given (null = keep). For the command line and bootstrap.
     *
     * @return true if created, false if reset
     */
    public boolean createOrReset(String actor, String rawUsername, String displayName, Set<Role> roles,
                                 Collection<String> locals, Collection<String> regions,
                                 Collection<String> employerGroups, char[] password) {
        String username = username("username", rawUsername);
        String name = displayName == null ? null : displayName(displayName);
        String problem = Passwords.problem(java.nio.CharBuffer.wrap(password));
        if (problem != null) {
            throw DirectoryException.invalid("password", problem);
        }
        if (roles != null && roles.isEmpty()) {
            throw DirectoryException.invalid("roles", "at least one role");
        }
        if (roles != null && roles.contains(Role.DESIGNEE)) {
            // A designation (purposes, scopes, end) is the executive director's, given over HTTP.
            throw DirectoryException.invalid("roles", "DESIGNEE is granted with its designation: POST "
                    + "/api/v1/people/{username}/roles with role DESIGNEE and a designation");
        }
        List<String> l = locals == null ? null : locals(List.copyOf(locals));
        List<String> r = regions == null ? null : ids("regions", List.copyOf(regions));
        List<String> g = employerGroups == null ? null : ids("employerGroups", List.copyOf(employerGroups));
        String hash = hasher.hash(password);
        return jdbi.inTransaction(h -> {
            PeopleDao people = h.attach(PeopleDao.class);
            checkScopes(h.attach(UnionDao.class), l == null ? List.of() : l, r == null ? List.of() : r,
                    g == null ? List.of() : g);
            Optional<Long> existing = people.id(username);
            long id;
            boolean created = existing.isEmpty();
            if (created) {
                if (name == null || roles == null) {
                    throw DirectoryException.invalid(name == null ? "displayName" : "roles",
                            "required to create a person");
                }
                id = people.insert(username, name, hash, null).orElseThrow(() -> DirectoryException.conflict(
                        "username", "a person with username " + username + " was created concurrently"));
            } else {
                id = existing.get();
                people.resetPassword(id, name, hash);
            }
            if (created) {
                people.replaceScopes(id, orEmpty(l), orEmpty(r), orEmpty(g));
            } else if (l != null || r != null || g != null) {
                PersonView current = person(h, username).orElseThrow();
                people.replaceScopes(id, l != null ? l : current.locals(), r != null ? r : current.regions(),
                        g != null ? g : current.employerGroups());
            }
            if (!created) {
                people.endSessions(id);
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username)
                    .withDecision(created ? "CREATED" : "PASSWORD_RESET")
                    .withReasons(roles == null ? List.of() : roleNames(roles)));
            if (roles != null) {
                // The same rules as the API: roles no longer named are revoked, new ones granted (and an
                // authority role waits for a second person once a confirmer exists).
                RoleGrantDao grants = h.attach(RoleGrantDao.class);
                grants.lock();
                OffsetDateTime now = now();
                for (Role held : Role.values()) {
                    if (!roles.contains(held)) {
                        revokeIn(h, actor, id, username, held, now);
                    }
                }
                for (Role role : roles) {
                    if (grants.live(id, role, now).isEmpty()) {
                        grantIn(h, actor, id, username, role, now, null, null);
                    }
                }
            }
            return created;
        });
    }

    public Optional<PersonView> person(String rawUsername) {
        return Usernames.normalize(rawUsername).flatMap(username -> jdbi.withHandle(h -> person(h, username)));
    }

    /** Most people one page of the list shows. */
    public static final int MAX_PAGE = 500;

    /**
     * One page of the directory, by username.
     *
     * @param people at most the page size, each with their candidacies
     * @param nextAfter the username to continue after, or null on the last page
     * @param total how many people the directory holds
     */
    public record PeoplePage(List<PersonView> people, String nextAfter, long total) {
        public PeoplePage {
            people = List.copyOf(people);
        }
    }

    /**
     * People with their roles, scopes and candidacies, by username, starting after {@code after}
     * (null or empty: from the first), at most {@code limit} (1 to {@link #MAX_PAGE}). An
     * {@code after} that is not a username is a 400 naming it.
     */
    public PeoplePage people(String after, int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw DirectoryException.invalid("limit", "between 1 and " + MAX_PAGE);
        }
        String from = after == null || after.isEmpty() ? null : username("after", after);
        return jdbi.inTransaction(h -> {
            List<PeopleDao.PersonRow> rows = h.attach(PeopleDao.class).people(from, limit + 1);
            List<PeopleDao.PersonRow> page = rows.subList(0, Math.min(limit, rows.size()));
            java.util.Map<String, List<CandidacyView>> candidacies = new java.util.HashMap<>();
            for (CandidacyView candidacy : h.attach(CampaignDao.class).candidaciesOf(
                    page.stream().map(PeopleDao.PersonRow::username).toArray(String[]::new))) {
                candidacies.computeIfAbsent(candidacy.username(), u -> new ArrayList<>()).add(candidacy);
            }
            String[] usernames = page.stream().map(PeopleDao.PersonRow::username).toArray(String[]::new);
            java.util.Map<String, List<RoleGrantView>> grants = new java.util.HashMap<>();
            Instant now = clock.instant();
            for (RoleGrantDao.Row grant : h.attach(RoleGrantDao.class).grantsOf(usernames)) {
                grants.computeIfAbsent(grant.username(), u -> new ArrayList<>()).add(RoleGrantView.from(grant, now));
            }
            Set<String> locked = lockouts.locked(List.of(usernames));
            List<PersonView> people = page.stream()
                    .map(row -> PersonView.from(row, candidacies.getOrDefault(row.username(), List.of()),
                            grants.getOrDefault(row.username(), List.of()), locked.contains(row.username()))).toList();
            String next = rows.size() > limit ? page.get(page.size() - 1).username() : null;
            return new PeoplePage(people, next, h.attach(PeopleDao.class).count());
        });
    }

    /** The person with their grants and candidacies, read on {@code h} (inside a change: as the change sees them). */
    private Optional<PersonView> person(Handle h, String username) {
        CampaignDao campaigns = h.attach(CampaignDao.class);
        Instant now = clock.instant();
        return h.attach(PeopleDao.class).person(username)
                .map(row -> PersonView.from(row, campaigns.candidacies(username),
                        h.attach(RoleGrantDao.class).grantsOf(new String[] {username}).stream()
                                .map(g -> RoleGrantView.from(g, now)).toList(),
                        !lockouts.locked(List.of(username)).isEmpty()));
    }

    /** {@code PUT /people/{username}/openpgp-key}. */
    public OpenPgpPublicKey setOpenPgpKey(String actor, String rawUsername, String armored) {
        String username = Usernames.normalize(rawUsername)
                .orElseThrow(() -> DirectoryException.notFound("no such person"));
        OpenPgpPublicKey key = OpenPgpPublicKey.parse(armored);
        jdbi.useTransaction(h -> {
            PeopleDao people = h.attach(PeopleDao.class);
            long id = people.id(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
            people.setOpenPgpKey(id, key.armored(), key.fingerprint());
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username + "/openpgp-key:"
                    + key.fingerprint()).withDecision("UPDATED"));
        });
        return key;
    }

    // ---- role grants -----------------------------------------------------------------------

    /** What a grant became: ACTIVE (confers the role in its term) or PENDING_CONFIRMATION. */
    public record GrantResult(long id, GrantStatus status) {
    }

    /** {@code POST /people/{username}/roles}. */
    public GrantResult grantRole(String actor, String rawUsername, NewRoleGrant input) {
        String username = Usernames.normalize(rawUsername).orElseThrow(() -> DirectoryException.notFound("no such person"));
        if (input == null) {
            throw DirectoryException.invalid("body", "a JSON object with role, and optionally from and until");
        }
        Role role = Role.parse(input.role()).orElseThrow(() -> DirectoryException.invalid("role",
                "unknown role; expected one of " + List.of(Role.values())));
        OffsetDateTime now = now();
        OffsetDateTime from = input.from() == null ? now : moment("from", input.from());
        OffsetDateTime until = input.until() == null ? null : moment("until", input.until());
        Designation designation = designationFor(EnumSet.of(role), input.designation(), "designation");
        if (designation != null) {
            OffsetDateTime ends = OffsetDateTime.ofInstant(designation.until(), ZoneOffset.UTC);
            until = until == null || ends.isBefore(until) ? ends : until;
        }
        if (until != null && !until.isAfter(from)) {
            throw DirectoryException.invalid("until", "must be after from");
        }
        if (until != null && !until.isAfter(now)) {
            throw DirectoryException.invalid("until", "must be in the future");
        }
        OffsetDateTime start = from;
        OffsetDateTime end = until;
        return jdbi.inTransaction(h -> {
            long id = h.attach(PeopleDao.class).id(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
            h.attach(RoleGrantDao.class).lock();
            return grantIn(h, actor, id, username, role, start, end, designation);
        });
    }

    /**
     * Grants the role inside the caller's transaction: checks duplicates and singleton offices,
     * decides ACTIVE or PENDING_CONFIRMATION (the two-person rule), records it. Takes the grants
     * lock itself (again is harmless).
     */
    private GrantResult grantIn(Handle h, String actor, long personId, String username, Role role, OffsetDateTime from,
                                OffsetDateTime until, Designation designation) {
        RoleGrantDao grants = h.attach(RoleGrantDao.class);
        grants.lock();
        OffsetDateTime now = now();
        if (!grants.live(personId, role, now).isEmpty()) {
            throw DirectoryException.conflict("role", username + " already holds " + role
                    + " or it awaits confirmation; revoke it first to change its term");
        }
        requireSingleton(h, personId, role, from, until, true);
        GrantStatus status = role.isAuthority() && grants.confirmerExists(now)
                ? GrantStatus.PENDING_CONFIRMATION : GrantStatus.ACTIVE;
        long id = grants.insert(personId, role, from, until, status, actor, now,
                designation == null ? null : designation.purposes().stream().sorted().toArray(String[]::new),
                designation == null ? null : designation.scopes().stream().sorted().toArray(String[]::new));
        if (status == GrantStatus.ACTIVE) {
            h.attach(PeopleDao.class).bumpSecurityStamp(username);
        }
        audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username + "/role-grant:" + id)
                .withDecision(status == GrantStatus.ACTIVE ? "GRANTED" : "PENDING_CONFIRMATION")
                .withReasons(List.of(role.name())));
        return new GrantResult(id, status);
    }

    /**
     * Singleton offices: one EXECUTIVE_DIRECTOR and one STATEWIDE_PRESIDENT at a time, one
     * LOCAL_PRESIDENT per local. A 409 names who holds it.
     */
    private static void requireSingleton(Handle h, long personId, Role role, OffsetDateTime from, OffsetDateTime until,
                                         boolean includePending) {
        RoleGrantDao grants = h.attach(RoleGrantDao.class);
        List<RoleGrantDao.Row> others = List.of();
        String where = "";
        if (role == Role.EXECUTIVE_DIRECTOR || role == Role.STATEWIDE_PRESIDENT) {
            others = grants.overlapping(role, personId, from, until, null, includePending);
        } else if (role == Role.LOCAL_PRESIDENT) {
            for (String local : h.attach(PeopleDao.class).locals(personId)) {
                others = grants.overlapping(role, personId, from, until, local, includePending);
                if (!others.isEmpty()) {
                    where = " of local " + local;
                    break;
                }
            }
        }
        if (!others.isEmpty()) {
            RoleGrantDao.Row other = others.get(0);
            throw DirectoryException.conflict("role", role + where + " is a single office: " + other.username()
                    + " holds it (grant " + other.id() + ", " + other.status() + ") for an overlapping term; revoke"
                    + " that grant or end it before this one starts");
        }
    }

    /** {@code DELETE /people/{username}/roles/{role}}: every live grant of the role ends now, sessions too. */
    public void revokeRole(String actor, String rawUsername, String roleName) {
        String username = Usernames.normalize(rawUsername).orElseThrow(() -> DirectoryException.notFound("no such person"));
        Role role = Role.parse(roleName).orElseThrow(() -> DirectoryException.invalid("role",
                "unknown role; expected one of " + List.of(Role.values())));
        jdbi.useTransaction(h -> {
            long id = h.attach(PeopleDao.class).id(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
            h.attach(RoleGrantDao.class).lock();
            if (!revokeIn(h, actor, id, username, role, now())) {
                throw DirectoryException.notFound(username + " holds no live grant of " + role);
            }
        });
    }

    /** @return whether a live grant was revoked; if so cached sign-ins and sessions of the person ended. */
    private boolean revokeIn(Handle h, String actor, long personId, String username, Role role, OffsetDateTime now) {
        RoleGrantDao grants = h.attach(RoleGrantDao.class);
        boolean any = false;
        for (RoleGrantDao.Row grant : grants.live(personId, role, now)) {
            if (grants.revoke(grant.id(), actor, now) == 1) {
                any = true;
                audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor,
                        "person:" + username + "/role-grant:" + grant.id())
                        .withDecision("REVOKED").withReasons(List.of(role.name())));
            }
        }
        if (any) {
            PeopleDao people = h.attach(PeopleDao.class);
            people.bumpSecurityStamp(username);
            people.endSessions(personId);
        }
        return any;
    }

    /** Most grants one list shows. */
    public static final int MAX_GRANTS = 500;

    /** {@code GET /role-grants?status=}: grants in that status, oldest first. */
    public List<RoleGrantView> grants(String statusName) {
        GrantStatus status = enumValue("status", statusName == null ? GrantStatus.PENDING_CONFIRMATION.name() : statusName,
                GrantStatus.class);
        Instant now = clock.instant();
        return jdbi.withExtension(RoleGrantDao.class, grants -> grants.withStatus(status, MAX_GRANTS).stream()
                .map(g -> RoleGrantView.from(g, now)).toList());
    }

    /** How many grants wait for a second person (the confirmers' home-page task). */
    public long pendingGrants() {
        return jdbi.withExtension(RoleGrantDao.class, grants -> grants.countWithStatus(GrantStatus.PENDING_CONFIRMATION));
    }

    /**
     * {@code POST /role-grants/{id}/confirmation}: a person holding EXECUTIVE_DIRECTOR or
     * STATEWIDE_PRESIDENT, never the granter nor the grantee, confirms or rejects a pending grant. A
     * DESIGNEE is designated by the executive director: only they confirm one.
     */
    public RoleGrantView decideGrant(Requester confirmer, long grantId, Boolean confirm, String rawNote) {
        if (confirm == null) {
            throw DirectoryException.invalid("confirm", "required: true or false");
        }
        String note = rawNote == null || rawNote.isBlank() ? null : rawNote.strip();
        if (note != null && (note.length() > 500 || hasControl(note))) {
            throw DirectoryException.invalid("note", "at most 500 characters, no control characters");
        }
        if (Role.CONFIRMERS.stream().noneMatch(confirmer::hasRole)) {
            throw DirectoryException.forbidden("Only a person holding EXECUTIVE_DIRECTOR or STATEWIDE_PRESIDENT confirms"
                    + " grants of authority roles.");
        }
        return jdbi.inTransaction(h -> {
            RoleGrantDao grants = h.attach(RoleGrantDao.class);
            grants.lock();
            RoleGrantDao.Row grant = grants.grant(grantId).orElseThrow(() -> DirectoryException.notFound("no such role grant"));
            if (grant.status() != GrantStatus.PENDING_CONFIRMATION) {
                throw DirectoryException.conflict(null, "grant " + grantId + " is " + grant.status()
                        + "; only a grant waiting for confirmation can be decided");
            }
            if (confirmer.actor().equals(grant.grantedBy()) || confirmer.actor().equals(grant.username())) {
                throw DirectoryException.forbidden("A grant is confirmed by a second person: never the one who granted it,"
                        + " never the one who receives it.");
            }
            if (grant.role() == Role.DESIGNEE && confirm && !confirmer.hasRole(Role.EXECUTIVE_DIRECTOR)) {
                throw DirectoryException.forbidden("A DESIGNEE is designated by the executive director: only a person"
                        + " holding EXECUTIVE_DIRECTOR confirms this grant.");
            }
            OffsetDateTime now = now();
            if (confirm) {
                requireSingleton(h, grant.personId(), grant.role(), grant.validFrom(), grant.validUntil(), false);
            }
            grants.decide(grantId, confirm ? GrantStatus.ACTIVE : GrantStatus.REJECTED, confirmer.actor(), now, note);
            if (confirm) {
                h.attach(PeopleDao.class).bumpSecurityStamp(grant.username());
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, confirmer.actor(),
                    "person:" + grant.username() + "/role-grant:" + grantId)
                    .withDecision(confirm ? "CONFIRMED" : "REJECTED").withReasons(List.of(grant.role().name())));
            return RoleGrantView.from(grants.grant(grantId).orElseThrow(), now.toInstant());
        });
    }

    // ---- accounts --------------------------------------------------------------------------

    /** {@code POST /people/{username}/disable} or {@code /enable}: effective at once, sessions and cached sign-ins too. */
    public void setDisabled(String actor, String rawUsername, boolean disabled) {
        String username = Usernames.normalize(rawUsername).orElseThrow(() -> DirectoryException.notFound("no such person"));
        jdbi.useTransaction(h -> {
            PeopleDao people = h.attach(PeopleDao.class);
            long id = people.id(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
            people.setDisabled(id, disabled);
            people.endSessions(id);
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username)
                    .withDecision(disabled ? "DISABLED" : "ENABLED"));
        });
    }

    /** {@code POST /people/{username}/unlock}: ends a sign-in lockout. */
    public void unlock(String actor, String rawUsername) {
        String username = Usernames.normalize(rawUsername).orElseThrow(() -> DirectoryException.notFound("no such person"));
        jdbi.useTransaction(h -> {
            h.attach(PeopleDao.class).id(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
            lockouts.unlock(username);
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username)
                    .withDecision("UNLOCKED"));
        });
    }

    /** {@code POST /people/{username}/password}: a new password; sessions and cached sign-ins end. Never audited with it. */
    public void setPassword(String actor, String rawUsername, String password) {
        String username = Usernames.normalize(rawUsername).orElseThrow(() -> DirectoryException.notFound("no such person"));
        String problem = Passwords.problem(password);
        if (problem != null) {
            throw DirectoryException.invalid("password", problem);
        }
        String hash = hasher.hash(password.toCharArray());
        jdbi.useTransaction(h -> {
            PeopleDao people = h.attach(PeopleDao.class);
            long id = people.id(username).orElseThrow(() -> DirectoryException.notFound("no such person"));
            people.resetPassword(id, null, hash);
            people.endSessions(id);
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username)
                    .withDecision("PASSWORD_RESET"));
        });
    }

    // ---- candidacies -----------------------------------------------------------------------

    /** {@code POST /people/{username}/candidacies}: the person is a declared candidate. */
    public CandidacyView addCandidacy(String actor, String rawUsername, NewCandidacy input) {
        String username = Usernames.normalize(rawUsername)
                .orElseThrow(() -> DirectoryException.notFound("no such person"));
        if (input == null) {
            throw DirectoryException.invalid("body", "a JSON object with office, scopeType, scopeId and electionId");
        }
        Office office = enumValue("office", input.office(), Office.class);
        ScopeType scopeType = enumValue("scopeType", input.scopeType(), ScopeType.class);
        String scopeId = ScopeInput.id(scopeType, input.scopeId());
        checkOfficeScope(office, scopeType);
        String electionId = input.electionId();
        if (electionId == null || !ELECTION_ID.matcher(electionId).matches()) {
            throw DirectoryException.invalid("electionId",
                    "required: 1-64 of A-Z a-z 0-9 . _ : -, starting with a letter or digit");
        }
        return jdbi.inTransaction(h -> {
            CampaignDao campaigns = h.attach(CampaignDao.class);
            long personId = h.attach(PeopleDao.class).id(username)
                    .orElseThrow(() -> DirectoryException.notFound("no such person"));
            ScopeInput.requireExisting(h.attach(UnionDao.class), "scopeId", scopeType, scopeId);
            requireElection(h.attach(ElectionDao.class), electionId, office, scopeType, scopeId);
            long id = campaigns.insertCandidacy(personId, office, scopeType, scopeId, electionId, actor)
                    .orElseThrow(() -> DirectoryException.conflict(null,
                            "this candidacy is already declared for " + username));
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor,
                    "person:" + username + "/candidacy:" + id).withDecision("CREATED"));
            return campaigns.candidacy(id).orElseThrow();
        });
    }

    /**
     * {@code DELETE /people/{username}/candidacies/{id}}: the candidacy is withdrawn. It stays on
     * record (withdrawn_at, withdrawn_by) but no longer makes the person a candidate in decisions.
     */
    public void withdrawCandidacy(String actor, String rawUsername, long candidacyId) {
        String username = Usernames.normalize(rawUsername).orElseThrow(() -> DirectoryException.notFound("no such person"));
        jdbi.useTransaction(h -> {
            int withdrawn = h.attach(PeopleDao.class).withdrawCandidacy(username, candidacyId, now(), actor);
            if (withdrawn != 1) {
                throw DirectoryException.notFound("no such candidacy of " + username);
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor,
                    "person:" + username + "/candidacy:" + candidacyId).withDecision("WITHDRAWN"));
        });
    }

    /**
     * A candidacy is for an election on record, and for exactly its office and electorate: the
     * candidacy's scope is what the policy escalates the candidate's requests over (and what the
     * candidate's mailings and list inspection reach), so it must be the electorate the candidate
     * stands before, neither a part of it that would narrow the safeguard nor a wider one.
     */
    private static void requireElection(ElectionDao elections, String electionId, Office office, ScopeType scopeType,
                                        String scopeId) {
        Election election = elections.find(electionId)
                .orElseThrow(() -> DirectoryException.invalid("electionId", "no election has this id"));
        if (election.office() != office || election.scopeType() != scopeType || !election.scopeId().equals(scopeId)) {
            throw DirectoryException.invalid("electionId", "election " + electionId + " is for " + election.office()
                    + " over " + election.scopeType() + " " + election.scopeId()
                    + "; a candidacy repeats its election's office and electorate");
        }
    }

    private static void checkOfficeScope(Office office, ScopeType scopeType) {
        if (!office.electedBy(scopeType)) {
            throw DirectoryException.invalid("scopeType", scopeType + " does not fit a " + office + " candidacy");
        }
    }

    // ---- campaigns -------------------------------------------------------------------------

    /** A campaign ({@link CampaignService} creates and decides them). */
    public Optional<CampaignView> campaign(long id) {
        return jdbi.withExtension(CampaignDao.class, campaigns -> campaigns.campaign(id));
    }

    // ---- terms and designations ------------------------------------------------------------

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static List<String> roleNames(Set<Role> roles) {
        return roles.stream().sorted().map(Role::name).toList();
    }

    /** A stored ACTIVE grant as the term sign-in evaluates. */
    static RoleTerm term(RoleGrantDao.Row row) {
        Designation designation = null;
        if (row.role() == Role.DESIGNEE && row.designationPurposes() != null && row.validUntil() != null
                && !row.designationPurposes().isEmpty() && !row.designationScopes().isEmpty()) {
            designation = new Designation(Set.copyOf(row.designationPurposes()), Set.copyOf(row.designationScopes()),
                    row.validUntil().toInstant());
        }
        if (row.role() == Role.DESIGNEE && designation == null) {
            // Fail closed: a designee without a designation holds nothing (the schema rules it out).
            return new RoleTerm(row.role(), Instant.MAX, Instant.MAX, null);
        }
        return new RoleTerm(row.role(), row.validFrom().toInstant(),
                row.validUntil() == null ? null : row.validUntil().toInstant(), designation);
    }

    /** An ISO-8601 date (00:00 UTC that day) or instant with offset, as UTC. */
    private static OffsetDateTime moment(String field, String value) {
        try {
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().atOffset(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(value).withOffsetSameInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw DirectoryException.invalid(field, "an ISO-8601 date (2027-01-31, meaning 00:00 UTC) or date-time with"
                    + " offset (2027-01-31T17:00:00Z)");
        }
    }

    /** The designation a DESIGNEE must have, validated; null (and refused if given) for other roles. */
    private Designation designationFor(Set<Role> roles, NewDesignation input, String field) {
        if (!roles.contains(Role.DESIGNEE)) {
            if (input != null) {
                throw DirectoryException.invalid(field, "only a DESIGNEE has a designation");
            }
            return null;
        }
        if (input == null) {
            throw DirectoryException.invalid(field, "required for DESIGNEE: {purposes[], scopes[], until}; a designee"
                    + " acts for stated purposes and scopes until a date");
        }
        if (input.purposes() == null || input.purposes().isEmpty() || input.purposes().size() > MAX_LIST) {
            throw DirectoryException.invalid(field + ".purposes", "1-" + MAX_LIST + " of " + List.of(Purpose.values()));
        }
        Set<String> purposes = new java.util.TreeSet<>();
        for (int i = 0; i < input.purposes().size(); i++) {
            purposes.add(enumValue(field + ".purposes[" + i + "]", input.purposes().get(i), Purpose.class).name());
        }
        if (input.scopes() == null || input.scopes().isEmpty() || input.scopes().size() > MAX_LIST) {
            throw DirectoryException.invalid(field + ".scopes", "1-" + MAX_LIST + " scopes written TYPE:id, e.g. LOCAL:L083,"
                    + " REGION:R3, EMPLOYER_GROUP:G1 or STATEWIDE:ALL");
        }
        Set<String> scopes = new java.util.TreeSet<>();
        jdbi.useExtension(UnionDao.class, union -> {
            for (int i = 0; i < input.scopes().size(); i++) {
                String scopeField = field + ".scopes[" + i + "]";
                String scope = input.scopes().get(i);
                int colon = scope == null ? -1 : scope.indexOf(':');
                if (colon < 1) {
                    throw DirectoryException.invalid(scopeField, "written TYPE:id, e.g. LOCAL:L083 or STATEWIDE:ALL");
                }
                ScopeType type = enumValue(scopeField, scope.substring(0, colon), ScopeType.class);
                ScopeInput.requireExisting(union, scopeField, type, scope.substring(colon + 1));
                scopes.add(type.name() + ":" + scope.substring(colon + 1));
            }
        });
        if (input.until() == null) {
            throw DirectoryException.invalid(field + ".until", "required: a designation ends");
        }
        OffsetDateTime until = moment(field + ".until", input.until());
        if (!until.isAfter(now())) {
            throw DirectoryException.invalid(field + ".until", "must be in the future");
        }
        return new Designation(purposes, scopes, until.toInstant());
    }

    // ---- validation ------------------------------------------------------------------------

    private static String username(String field, String raw) {
        return Usernames.normalize(raw).orElseThrow(() -> DirectoryException.invalid(field,
                "required: 2-" + Usernames.MAX_LENGTH + " of a-z 0-9 . _ @ -, starting with a letter or digit"));
    }

    private static String displayName(String raw) {
        String name = raw == null ? "" : raw.strip();
        if (name.isEmpty() || name.length() > MAX_DISPLAY_NAME || hasControl(name)) {
            throw DirectoryException.invalid("displayName",
                    "required: 1-" + MAX_DISPLAY_NAME + " characters, no control characters");
        }
        return name;
    }

    private static List<String> orEmpty(List<String> list) {
        return list == null ? List.of() : list;
    }

    static boolean hasControl(String s) {
        return s.chars().anyMatch(Character::isISOControl);
    }

    private static Set<Role> roles(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw DirectoryException.invalid("roles", "at least one role (" + List.of(Role.values()) + ")");
        }
        if (names.size() > MAX_LIST) {
            throw DirectoryException.invalid("roles", "at most " + MAX_LIST + " entries");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 0; i < names.size(); i++) {
            String field = "roles[" + i + "]";
            roles.add(Role.parse(names.get(i)).orElseThrow(() -> DirectoryException.invalid(field,
                    "unknown role; expected one of " + List.of(Role.values()))));
        }
        return roles;
    }

    /**
     * A person belongs to one local, and the local roles they hold (president, officer, steward)
     * are roles in that local. Roles are not recorded per local, so a second local would make a
     * president of one local the president of both in the policy's eyes (confidentiality §7).
     */
    private static List<String> locals(List<String> values) {
        List<String> locals = ids("locals", values);
        if (locals.size() > 1) {
            throw DirectoryException.invalid("locals", "at most one: a person belongs to one local, and their local roles"
                    + " apply to it (confidentiality §7)");
        }
        return locals;
    }

    private static List<String> ids(String field, List<String> values) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > MAX_LIST) {
            throw DirectoryException.invalid(field, "at most " + MAX_LIST + " entries");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < values.size(); i++) {
            String id = values.get(i);
            if (id == null || !ScopeInput.ID.matcher(id).matches()) {
                throw DirectoryException.invalid(field + "[" + i + "]", "must be 1-32 of A-Z a-z 0-9 _ -");
            }
            ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    private static void checkScopes(UnionDao union, List<String> locals, List<String> regions, List<String> groups) {
        for (int i = 0; i < locals.size(); i++) {
            ScopeInput.requireExisting(union, "locals[" + i + "]", ScopeType.LOCAL, locals.get(i));
        }
        for (int i = 0; i < regions.size(); i++) {
            ScopeInput.requireExisting(union, "regions[" + i + "]", ScopeType.REGION, regions.get(i));
        }
        for (int i = 0; i < groups.size(); i++) {
            ScopeInput.requireExisting(union, "employerGroups[" + i + "]", ScopeType.EMPLOYER_GROUP, groups.get(i));
        }
    }

    static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw DirectoryException.invalid(field, (value == null ? "required" : "unknown value")
                + "; expected one of " + List.of(type.getEnumConstants()));
    }

    static LocalDate date(String field, String value) {
        if (value == null) {
            throw DirectoryException.invalid(field, "required: an ISO-8601 date such as 2026-03-01");
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw DirectoryException.invalid(field, "not an ISO-8601 date such as 2026-03-01");
        }
    }
}
