package org.membergateway.members;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.directory.PublishedContactDao;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Decision;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;

/**
 * The contact details of a member's own local's leaders (stewards and worksite leaders from the
 * member table, officers from the directory with what they published), and of the board and
 * committee members for everyone statewide, shown on a page rather than exported: "contact
 * information for Board and Committee members will be available to members upon their request.
 * Local leader contact information will be provided to the members of the local upon their
 * request" (confidentiality §6).
 *
 * <p>It is a request for member data like any other: the policy decides a
 * {@link Purpose#LEADERSHIP_CONTACTS} request for the person's own local (never a scope they
 * choose), and only an allowed decision reads rows, through {@link MemberSelection} and exactly the
 * fields the decision allows. What is shown is recorded in the audit trail before it is returned
 * (a release, with the row count, never the values); a refusal is recorded as a decision.
 *
 * <p>It lives here, with the member table and the one place its rows are selected, because the
 * members capability already depends on the policy and the audit trail; list requests do not
 * depend on members, and a page needs no stored request.
 */
public final class LeaderContacts {

    /** The most leaders one page shows; a local with more is told so (a page, not a list to keep). */
    public static final int MAX_ROWS = 200;

    /** Board and committee members (confidentiality §6): the people the BOARD_AND_COMMITTEE row set holds. */
    public static final List<Role> BOARD_AND_COMMITTEE = List.of(Role.STATEWIDE_PRESIDENT, Role.STATEWIDE_OFFICER,
            Role.DIRECTOR, Role.COMMITTEE_CHAIR);
    /** A local's officers, shown to its members with the stewards and worksite leaders. */
    public static final List<Role> LOCAL_OFFICERS = List.of(Role.LOCAL_PRESIDENT, Role.LOCAL_OFFICER);

    private final DecisionService decisions;
    private final MemberSelectionDao members;
    private final PublishedContactDao published;
    private final AuditTrail audit;
    private final Clock clock;

    public LeaderContacts(DecisionService decisions, MemberSelectionDao members, PublishedContactDao published,
                          AuditTrail audit, Clock clock) {
        this.decisions = decisions;
        this.members = members;
        this.published = published;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the board section shows: refused (with the decision) or the board and committee members. */
    public sealed interface BoardView permits BoardRefused, BoardShown {
    }

    public record BoardRefused(Decision decision) implements BoardView {
    }

    /**
     * The board and committee members with the fields the decision allows: a contact column the
     * policy does not list is null in every row.
     */
    public record BoardShown(List<PublishedContactDao.Leader> rows, boolean workEmail, boolean phone, long auditSeq)
            implements BoardView {
        public BoardShown {
            rows = List.copyOf(rows);
        }

        @Override
        public String toString() {
            return "BoardShown[rows=" + rows.size() + "]";
        }
    }

    /**
     * The board and committee members, for any signed-in person statewide (confidentiality §6), as
     * the policy decides a {@link Purpose#BOARD_CONTACTS} request; audited like {@link #view}.
     */
    public BoardView board(Requester requester) {
        List<String> wanted = decisions.policy().fields().allowed(Purpose.BOARD_CONTACTS, Channel.EMAIL)
                .orElseThrow(() -> new IllegalStateException("the policy has no EMAIL fields for board contacts"));
        AccessRequest request = decisions.parse(new AccessRequestBody(Purpose.BOARD_CONTACTS.name(), null,
                new AccessRequestBody.ScopeBody(ScopeType.STATEWIDE.name(), "ALL"), null, Audience.MEMBERS.name(),
                Channel.EMAIL.name(), wanted, "leaders page"));
        Decision decision = decisions.decide(requester, request, null);
        String target = "board-contacts:" + ScopeType.STATEWIDE + ":ALL:" + Channel.EMAIL;
        if (!decision.allowed()) {
            audit.record(AuditEvent.of(AuditEventType.DECISION, requester.actor(), target)
                    .withDecision(decision.outcome().status()).withReasons(decision.ruleIds())
                    .withPolicyVersion(decision.policyVersion()));
            return new BoardRefused(decision);
        }
        List<String> fields = decision.allowedFields();
        boolean email = fields.contains("published_work_email");
        boolean phone = fields.contains("published_phone");
        List<PublishedContactDao.Leader> rows = published.leaders(names(BOARD_AND_COMMITTEE), null, now(), MAX_ROWS).stream()
                .map(l -> new PublishedContactDao.Leader(l.personId(), l.username(), l.displayName(), l.roles(), l.regions(),
                        l.employerGroups(), email ? l.workEmail() : null, phone ? l.phone() : null))
                .toList();
        long seq = audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, requester.actor(), target)
                .withDecision("VIEWED").withPolicyVersion(decision.policyVersion()).withRows(rows.size())).seq();
        return new BoardShown(rows, email, phone, seq);
    }

    /**
     * Whether the person holds, now, a role whose holders are shown with what they published (board
     * and committee members, local officers), so the page offers them the form to publish it.
     * Stewards and worksite leaders are member rows, shown with their member record's work email.
     */
    public static boolean isLeader(Requester requester) {
        return requester.isPerson() && (BOARD_AND_COMMITTEE.stream().anyMatch(requester::hasRole)
                || LOCAL_OFFICERS.stream().anyMatch(requester::hasRole));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static String[] names(List<Role> roles) {
        return roles.stream().map(Role::name).toArray(String[]::new);
    }

    /** What the page shows. */
    public sealed interface View permits NoLocal, Refused, Shown {
    }

    /** The person belongs to no local, so there are no leaders of theirs to show. */
    public record NoLocal() implements View {
    }

    /** The policy did not allow it (denied, or it would need an approval a page cannot wait for). */
    public record Refused(String local, Channel channel, Decision decision) implements View {
    }

    /**
     * The leaders, in {@code fields} order, at most {@link #MAX_ROWS}.
     *
     * @param total how many leaders the local has (more than {@code rows} when the page is cut)
     */
    public record Shown(String local, Channel channel, List<String> fields, List<List<String>> rows, long total,
                        List<PublishedContactDao.Leader> officers, long auditSeq) implements View {
        public Shown {
            fields = List.copyOf(fields);
            rows = List.copyOf(rows);
            officers = List.copyOf(officers);
        }

        /** Member values stay out of log lines. */
        @Override
        public String toString() {
            return "Shown[" + local + " " + channel + " rows=" + rows.size() + "]";
        }
    }

    /** The channels the policy lists contact fields for, in their declared order: what the page offers. */
    public List<Channel> channels() {
        return java.util.Arrays.stream(Channel.values())
                .filter(c -> decisions.policy().fields().allowed(Purpose.LEADERSHIP_CONTACTS, c).isPresent()).toList();
    }

    /** The requester's own local's leaders, reachable on {@code channel} (one of {@link #channels}). */
    public View view(Requester requester, Channel channel) {
        Objects.requireNonNull(channel, "channel");
        if (!requester.isPerson() || requester.locals().isEmpty()) {
            return new NoLocal();
        }
        // A person belongs to at most one local (DirectoryService.locals); the first by id if ever not.
        String local = requester.locals().stream().sorted().findFirst().orElseThrow();
        List<String> wanted = decisions.policy().fields().allowed(Purpose.LEADERSHIP_CONTACTS, channel)
                .orElseThrow(() -> new IllegalArgumentException("the policy has no " + channel + " fields for leaders"));
        AccessRequest request = decisions.parse(new AccessRequestBody(Purpose.LEADERSHIP_CONTACTS.name(), null,
                new AccessRequestBody.ScopeBody(ScopeType.LOCAL.name(), local), null, Audience.MEMBERS.name(),
                channel.name(), wanted, "leaders page"));
        Decision decision = decisions.decide(requester, request, null);
        String target = "leaders:" + ScopeType.LOCAL + ":" + local + ":" + channel;
        if (!decision.allowed()) {
            audit.record(AuditEvent.of(AuditEventType.DECISION, requester.actor(), target)
                    .withDecision(decision.outcome().status()).withReasons(decision.ruleIds())
                    .withPolicyVersion(decision.policyVersion()));
            return new Refused(local, channel, decision);
        }
        MemberSelection selection = MemberSelection.of(request, decision.rows());
        List<String> fields = decision.allowedFields();
        List<List<String>> rows = members.read(selection, fields, MAX_ROWS);
        long total = rows.size() < MAX_ROWS ? rows.size() : members.count(request, decision.rows());
        // The local's officers are people of the directory, shown with what they published for the
        // role (never a member row's personal numbers), under the same decision for the same local.
        List<PublishedContactDao.Leader> officers = published.leaders(names(LOCAL_OFFICERS), local, now(), MAX_ROWS);
        // Recorded before anything is shown: if the trail cannot take it, the page fails and shows nothing.
        long seq = audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, requester.actor(), target)
                .withDecision("VIEWED").withPolicyVersion(decision.policyVersion())
                .withRows(rows.size() + officers.size())).seq();
        return new Shown(local, channel, fields, rows, total, officers, seq);
    }
}
