package org.membergateway.members;

import java.util.List;
import java.util.Objects;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.Audience;
import org.membergateway.policy.Channel;
import org.membergateway.policy.Decision;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;

/**
 * The contact details of a member's own local's leaders (stewards and worksite leaders), shown on
 * a page rather than exported: "local leader contact information will be provided to the members
 * of the local upon their request" (confidentiality §6).
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

    private final DecisionService decisions;
    private final MemberSelectionDao members;
    private final AuditTrail audit;

    public LeaderContacts(DecisionService decisions, MemberSelectionDao members, AuditTrail audit) {
        this.decisions = decisions;
        this.members = members;
        this.audit = audit;
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
                        long auditSeq) implements View {
        public Shown {
            fields = List.copyOf(fields);
            rows = List.copyOf(rows);
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
        // Recorded before anything is shown: if the trail cannot take it, the page fails and shows nothing.
        long seq = audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, requester.actor(), target)
                .withDecision("VIEWED").withPolicyVersion(decision.policyVersion()).withRows(rows.size())).seq();
        return new Shown(local, channel, fields, rows, total, seq);
    }
}
