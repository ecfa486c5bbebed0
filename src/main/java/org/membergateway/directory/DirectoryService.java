package org.membergateway.directory;

import java.time.LocalDate;
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
import org.membergateway.auth.PasswordHasher;
import org.membergateway.auth.Passwords;
import org.membergateway.auth.Role;
import org.membergateway.auth.Usernames;
import org.membergateway.members.UnionDao;
import org.membergateway.policy.Office;
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
    private static final Pattern SCOPE_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern MEMBER_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ELECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private final Jdbi jdbi;
    private final PasswordHasher hasher;
    private final AuditTrail audit;

    public DirectoryService(Jdbi jdbi, PasswordHasher hasher, AuditTrail audit) {
        this.jdbi = jdbi;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** Whether anyone holds the role (bootstrap: is there an ADMIN yet?). */
    public boolean anyPersonWithRole(Role role) {
        return jdbi.withExtension(PeopleDao.class, people -> people.anyPersonWithRole(role));
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
            people.replaceRolesAndScopes(id, roles, locals, regions, groups);
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username)
                    .withDecision("CREATED"));
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
                people.replaceRolesAndScopes(id, roles, orEmpty(l), orEmpty(r), orEmpty(g));
            } else if (roles != null || l != null || r != null || g != null) {
                PersonView current = person(h, username).orElseThrow();
                people.replaceRolesAndScopes(id, roles != null ? roles : Set.copyOf(current.roles()),
                        l != null ? l : current.locals(), r != null ? r : current.regions(),
                        g != null ? g : current.employerGroups());
            }
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor, "person:" + username)
                    .withDecision(created ? "CREATED" : "PASSWORD_RESET"));
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
            List<PersonView> people = page.stream()
                    .map(row -> PersonView.from(row, candidacies.getOrDefault(row.username(), List.of()))).toList();
            String next = rows.size() > limit ? page.get(page.size() - 1).username() : null;
            return new PeoplePage(people, next, h.attach(PeopleDao.class).count());
        });
    }

    /** The person with their candidacies, read on {@code h} (inside a change: as the change sees them). */
    private static Optional<PersonView> person(Handle h, String username) {
        CampaignDao campaigns = h.attach(CampaignDao.class);
        return h.attach(PeopleDao.class).person(username)
                .map(row -> PersonView.from(row, campaigns.candidacies(username)));
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
        String scopeId = scopeId(scopeType, input.scopeId());
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
            requireScope(h.attach(UnionDao.class), "scopeId", scopeType, scopeId);
            long id = campaigns.insertCandidacy(personId, office, scopeType, scopeId, electionId, actor)
                    .orElseThrow(() -> DirectoryException.conflict(null,
                            "this candidacy is already declared for " + username));
            audit.record(AuditEvent.of(AuditEventType.DIRECTORY_CHANGE, actor,
                    "person:" + username + "/candidacy:" + id).withDecision("CREATED"));
            return campaigns.candidacy(id).orElseThrow();
        });
    }

    private static void checkOfficeScope(Office office, ScopeType scopeType) {
        boolean fits = switch (office) {
            case LOCAL_OFFICE -> scopeType == ScopeType.LOCAL;
            case STATEWIDE_OFFICE -> scopeType == ScopeType.STATEWIDE;
            case BOARD_SEAT -> scopeType != ScopeType.LOCAL;
            case CAPE_POSITION -> true;
        };
        if (!fits) {
            throw DirectoryException.invalid("scopeType", scopeType + " does not fit a " + office + " candidacy");
        }
    }

    // ---- campaigns -------------------------------------------------------------------------

    /** A campaign ({@link CampaignService} creates and decides them). */
    public Optional<CampaignView> campaign(long id) {
        return jdbi.withExtension(CampaignDao.class, campaigns -> campaigns.campaign(id));
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
            if (id == null || !SCOPE_ID.matcher(id).matches()) {
                throw DirectoryException.invalid(field + "[" + i + "]", "must be 1-32 of A-Z a-z 0-9 _ -");
            }
            ids.add(id);
        }
        return new ArrayList<>(ids);
    }

    private static void checkScopes(UnionDao union, List<String> locals, List<String> regions, List<String> groups) {
        for (int i = 0; i < locals.size(); i++) {
            requireScope(union, "locals[" + i + "]", ScopeType.LOCAL, locals.get(i));
        }
        for (int i = 0; i < regions.size(); i++) {
            requireScope(union, "regions[" + i + "]", ScopeType.REGION, regions.get(i));
        }
        for (int i = 0; i < groups.size(); i++) {
            requireScope(union, "employerGroups[" + i + "]", ScopeType.EMPLOYER_GROUP, groups.get(i));
        }
    }

    static void requireScope(UnionDao union, String field, ScopeType type, String id) {
        if (DirectoryPolicyFacts.place(union, type, id).isEmpty()) {
            throw DirectoryException.invalid(field, type == ScopeType.STATEWIDE
                    ? "a STATEWIDE scope has the id " + ScopeType.STATEWIDE_ID
                    : "no " + type.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " has the id " + id);
        }
    }

    static String scopeId(ScopeType type, String id) {
        if (type == ScopeType.STATEWIDE) {
            if (!ScopeType.STATEWIDE_ID.equals(id)) {
                throw DirectoryException.invalid("scopeId", "a STATEWIDE scope has the id " + ScopeType.STATEWIDE_ID);
            }
            return id;
        }
        if (id == null || !SCOPE_ID.matcher(id).matches()) {
            throw DirectoryException.invalid("scopeId", "required: 1-32 of A-Z a-z 0-9 _ -");
        }
        return id;
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
