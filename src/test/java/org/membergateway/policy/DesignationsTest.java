package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Designation;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/** A DESIGNEE holds statewide authority only for the purposes and scopes they were designated for. */
class DesignationsTest {

    static final Designation VOTING_IN_R3 = new Designation(Set.of("VOTING_DATA"), Set.of("REGION:R3"),
            Instant.parse("2027-01-01T00:00:00Z"));

    static Requester designee(Designation designation) {
        return Requester.person("des", "Des", Set.of(Role.DESIGNEE), Set.of(), Set.of(), Set.of(), null, designation);
    }

    static AccessRequest request(Purpose purpose, PlacedScope scope) {
        // Voting data is one election's records, never contact fields (AP&P XVI §6(e)).
        return purpose == Purpose.VOTING_DATA
                ? new AccessRequest(purpose, null, scope, new AccessRequest.Filters(null, null, "E2026-BOARD-R3"),
                        Audience.MEMBERS, Channel.EMAIL, List.of("first_name", "last_name", "voted"), "test")
                : new AccessRequest(purpose, null, scope, null, Audience.MEMBERS, Channel.EMAIL,
                        List.of("first_name", "last_name", "home_email"), "test");
    }

    static Decision decide(Requester requester, AccessRequest request) {
        return PolicyWorld.ENGINE.decide(request, PolicyWorld.facts(Designations.forRequest(requester, request), List.of(),
                AcknowledgementStatus.CURRENT, null, null, 500));
    }

    @Test
    void insideTheDesignationTheDesigneeActsWithStatewideAuthority() {
        AccessRequest inside = request(Purpose.VOTING_DATA, PolicyWorld.LOCALS.get("L083"));
        assertThat(Designations.forRequest(designee(VOTING_IN_R3), inside).roles()).containsExactly(Role.DESIGNEE);
        assertThat(decide(designee(VOTING_IN_R3), inside).outcome()).isEqualTo(Outcome.ALLOW);
        assertThat(decide(designee(VOTING_IN_R3), request(Purpose.VOTING_DATA, PlacedScope.region("R3"))).outcome())
                .isEqualTo(Outcome.ALLOW);
    }

    @Test
    void outsideItsPurposesOrScopesTheDesigneeRoleConfersNothing() {
        AccessRequest otherRegion = request(Purpose.VOTING_DATA, PolicyWorld.LOCALS.get("L101"));
        assertThat(Designations.forRequest(designee(VOTING_IN_R3), otherRegion).roles()).isEmpty();
        assertThat(decide(designee(VOTING_IN_R3), otherRegion).outcome()).isEqualTo(Outcome.DENY);
        AccessRequest otherPurpose = request(Purpose.LOCAL_COMMUNICATION, PolicyWorld.LOCALS.get("L083"));
        assertThat(decide(designee(VOTING_IN_R3), otherPurpose).outcome()).isEqualTo(Outcome.DENY);
        AccessRequest statewide = request(Purpose.VOTING_DATA, PlacedScope.STATEWIDE);
        assertThat(decide(designee(VOTING_IN_R3), statewide).outcome()).as("a region is not the state")
                .isEqualTo(Outcome.DENY);
    }

    @Test
    void scopesAreWrittenTypeColonId() {
        PlacedScope l083 = PolicyWorld.LOCALS.get("L083");
        assertThat(Designations.covers("STATEWIDE:ALL", l083)).isTrue();
        assertThat(Designations.covers("LOCAL:L083", l083)).isTrue();
        assertThat(Designations.covers("LOCAL:L084", l083)).isFalse();
        assertThat(Designations.covers("EMPLOYER_GROUP:STATE_AGENCIES", l083)).isTrue();
        assertThat(Designations.covers("LOCAL:L083", PlacedScope.region("R3"))).isFalse();
        assertThat(Designations.covers("nonsense", l083)).isFalse();
    }
}
