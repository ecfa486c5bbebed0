package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.junit.jupiter.api.Test;

/**
 * The member count behind row caps is asked of the members capability only when a matched grant
 * needs the number: a denied request, or one the requester may approve anyway, costs no member query.
 */
class DecisionServiceMemberCountTest {

    /** A {@link MemberCounts} that counts how often it is asked. */
    static final class CountingMembers implements MemberCounts {
        final AtomicInteger counts = new AtomicInteger();
        final long rows;

        CountingMembers(long rows) {
            this.rows = rows;
        }

        @Override
        public long count(AccessRequest request, RowSet set) {
            counts.incrementAndGet();
            return rows;
        }

        @Override
        public Reach reach(AccessRequest request, RowSet set) {
            throw new AssertionError("decide never asks for the reach");
        }
    }

    static final PolicyFacts FACTS = new PolicyFacts() {
        @Override
        public Optional<PlacedScope> place(ScopeType type, String id) {
            return Optional.ofNullable(PolicyWorld.LOCALS.get(id));
        }

        @Override
        public List<CandidacyFact> candidacies(String username) {
            return List.of();
        }

        @Override
        public Optional<CampaignFact> campaign(long id) {
            return Optional.empty();
        }
    };

    static final AcknowledgementLookup SIGNED = new AcknowledgementLookup() {
        @Override
        public AcknowledgementStatus status(String username, Instant now) {
            return AcknowledgementStatus.CURRENT;
        }

        @Override
        public String whereToSign() {
            return "POST /api/v1/acknowledgements";
        }
    };

    static DecisionService service(MemberCounts counts) {
        return new DecisionService(PolicyWorld.ENGINE, FACTS, counts, SIGNED, null,
                Clock.fixed(Instant.parse("2026-11-23T18:00:00Z"), ZoneId.of("America/Los_Angeles")));
    }

    static AccessRequest emailTheMembersOf(String local) {
        return new AccessRequest(Purpose.LOCAL_COMMUNICATION, null, PolicyWorld.LOCALS.get(local), null, Audience.MEMBERS,
                Channel.EMAIL, List.of("first_name", "last_name", "home_email"), "bargaining update");
    }

    static Requester president(String local) {
        return PolicyWorld.person(Set.of(Role.LOCAL_PRESIDENT), Set.of(local), Set.of(), Set.of());
    }

    @Test
    void aDeniedRequestCostsNoMemberQuery() {
        CountingMembers members = new CountingMembers(100_000);
        Decision denied = service(members).decide(president("L083"), emailTheMembersOf("L084"), null);
        assertThat(denied.outcome()).isEqualTo(Outcome.DENY);
        Decision member = service(members).decide(PolicyWorld.person(Set.of(Role.MEMBER), Set.of("L083"), Set.of(), Set.of()),
                emailTheMembersOf("L083"), null);
        assertThat(member.outcome()).isEqualTo(Outcome.DENY);
        assertThat(members.counts).hasValue(0);
    }

    @Test
    void aMatchedGrantWithARowCapCountsOnceAndEscalatesAboveIt() {
        CountingMembers large = new CountingMembers(100_000);
        Decision escalated = service(large).decide(president("L083"), emailTheMembersOf("L083"), null);
        assertThat(escalated.outcome()).isEqualTo(Outcome.REQUIRE_APPROVAL);
        assertThat(escalated.ruleIds()).contains("LARGE_LIST_APPROVAL");
        assertThat(large.counts).hasValue(1);

        CountingMembers small = new CountingMembers(40);
        assertThat(service(small).decide(president("L083"), emailTheMembersOf("L083"), null).outcome())
                .isEqualTo(Outcome.ALLOW);
        assertThat(small.counts).hasValue(1);
    }

    @Test
    void someoneWhoMayApproveALargeListIsNotCounted() {
        CountingMembers members = new CountingMembers(100_000);
        Requester director = PolicyWorld.person(Set.of(Role.EXECUTIVE_DIRECTOR), Set.of(), Set.of(), Set.of());
        assertThat(service(members).decide(director, emailTheMembersOf("L083"), null).outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(members.counts).hasValue(0);
    }
}
