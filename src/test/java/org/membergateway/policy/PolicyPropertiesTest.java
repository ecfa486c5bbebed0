package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/**
 * Properties the policy must have whatever the request: generated requesters, requests and facts
 * over the conformance world, decided by the real policy. jqwik shrinks a counterexample to the
 * smallest case before reporting it.
 */
class PolicyPropertiesTest {

    /** A generated case: who, what, and the facts around it. */
    record Case(Requester requester, List<CandidacyFact> candidacies, AcknowledgementStatus ack, AccessRequest request,
                Long agreementId, long rows) {
        Decision decide() {
            return PolicyWorld.ENGINE.decide(request, PolicyWorld.facts(requester, candidacies, ack,
                    request.campaignId(), agreementId, rows));
        }

        Case withRequest(AccessRequest changed) {
            return new Case(requester, candidacies, ack, changed, agreementId, rows);
        }
    }

    @Property(tries = 3000)
    void anElectionPurposeIsNeverAllowedOrSentForApproval(@ForAll("cases") Case c) {
        AccessRequest r = c.request();
        for (Purpose banned : List.of(Purpose.OFFICER_ELECTION, Purpose.CANDIDATE_PROMOTION)) {
            Decision decision = c.withRequest(new AccessRequest(banned, null, r.scope(), null, r.audience(),
                    r.channel() == null ? Channel.EMAIL : r.channel(), r.fields(), "x")).decide();
            assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
            assertThat(decision.ruleIds()).contains(RuleId.ELECTION_USE_BAN.name());
        }
    }

    @Property(tries = 3000)
    void nobodyIsAllowedAScopeOutsideTheirOwnUnlessTheyHoldStatewideAuthority(@ForAll("cases") Case c) {
        Decision decision = c.decide();
        if (decision.outcome() == Outcome.ALLOW && !statewide(c.requester())) {
            assertThat(inOwnScope(c.requester(), c.request().scope()) || worksiteLeaderMasterList(c) || boardContacts(c))
                    .as("allowed %s for %s by %s", c.request().scope(), c.requester(), decision.allowedBy())
                    .isTrue();
        }
    }

    @Property(tries = 3000)
    void addingAFieldNeverTurnsADenialIntoAnythingElse(@ForAll("cases") Case c, @ForAll("fieldNames") String extra) {
        if (c.decide().outcome() != Outcome.DENY || c.request().fields().contains(extra)) {
            return;
        }
        List<String> more = new ArrayList<>(c.request().fields());
        more.add(extra);
        AccessRequest r = c.request();
        Decision widened = c.withRequest(new AccessRequest(r.purpose(), r.campaignId(), r.scope(), r.filters(),
                r.audience(), r.channel(), more, r.justification())).decide();
        assertThat(widened.outcome()).isEqualTo(Outcome.DENY);
    }

    @Property(tries = 3000)
    void withoutACurrentAcknowledgementNothingIsEverReleasedOrQueued(@ForAll("cases") Case c) {
        if (c.ack() != AcknowledgementStatus.CURRENT || c.requester().isVendor()) {
            Decision decision = c.decide();
            assertThat(decision.outcome()).isEqualTo(Outcome.DENY);
        }
    }

    @Property(tries = 3000)
    void anAllowedListNeverCarriesAFieldBeyondItsAllowedFields(@ForAll("cases") Case c) {
        Decision decision = c.decide();
        if (decision.outcome() != Outcome.DENY) {
            assertThat(decision.allowedFields()).containsAll(c.request().fields());
        }
    }

    /**
     * confidentiality §5: no purpose releases members' contact fields outright to a declared
     * candidate inside their own electorate; what they have like every member is their local's
     * leaders' role contacts and the board and committee members' published ones (confidentiality
     * §6, row sets LOCAL_LEADERS and BOARD_AND_COMMITTEE).
     * Voting data is the other exception: AP&P XVI §6(e) makes it available to declared candidates
     * in their own group by rule, and {@link #noVotingDataDecisionEverAllowsAContactField} keeps it
     * from being a contact list.
     */
    @Property(tries = 3000)
    void aDeclaredCandidateInScopeIsNeverAllowedOutright(@ForAll("cases") Case c) {
        boolean inOwnElection = c.candidacies().stream().anyMatch(k -> k.scope().overlaps(c.request().scope()));
        if (inOwnElection) {
            Decision decision = c.decide();
            if (decision.outcome() == Outcome.ALLOW) {
                // Leaders' and board members' contacts are every member's (confidentiality §6).
                assertThat(c.request().purpose()).isIn(Purpose.LEADERSHIP_CONTACTS, Purpose.BOARD_CONTACTS,
                        Purpose.VOTING_DATA);
                assertThat(decision.rows()).isIn(RowSet.LOCAL_LEADERS, RowSet.BOARD_AND_COMMITTEE, RowSet.VOTING_RECORDS);
            }
        }
    }

    /** confidentiality §7, §9: an escalation adds an approval step; it never drops the grant's own approver. */
    @Property(tries = 3000)
    void anEscalationNeverReplacesTheGrantsApprover(@ForAll("cases") Case c) {
        Decision decision = c.decide();
        if (decision.outcome() == Outcome.REQUIRE_APPROVAL && decision.allowedBy().outcome() == Outcome.REQUIRE_APPROVAL) {
            assertThat(decision.steps().get(0).rule()).isEqualTo(RuleId.APPROVAL_REQUIRED);
            assertThat(decision.steps()).extracting(ApprovalStep::rule).containsExactlyElementsOf(decision.escalations());
            assertThat(decision.steps()).extracting(ApprovalStep::rule).doesNotHaveDuplicates();
        }
    }

    /** confidentiality §7: when a local president's approval is asked for, no director can stand in for it. */
    @Property(tries = 3000)
    void aLocalOfficersRequestIsNeverApprovableByADirectorInsteadOfThePresident(@ForAll("cases") Case c) {
        Decision decision = c.decide();
        if (decision.outcome() == Outcome.REQUIRE_APPROVAL && c.requester().hasRole(Role.LOCAL_OFFICER)
                && c.request().scope().type() == ScopeType.LOCAL && c.requester().locals().contains(c.request().scope().id())
                && decision.allowedBy().outcome() == Outcome.REQUIRE_APPROVAL) {
            assertThat(decision.steps().get(0).approvers()).extracting(Approver::role).containsOnly(Role.LOCAL_PRESIDENT);
        }
    }

    /** AP&P IV §6: a worksite-leader list the grant allows is never held up for its size. */
    @Property(tries = 2000)
    void worksiteLeaderListsAreNeverEscalatedForSize(@ForAll("cases") Case c) {
        if (c.request().purpose() == Purpose.WORKSITE_LEADERS) {
            assertThat(c.decide().ruleIds()).doesNotContain(RuleId.LARGE_LIST_APPROVAL.name());
        }
    }

    /** AP&P XVI §6(e): voting data is records of elections, never the electorate's contact list, whoever asks. */
    @Property(tries = 3000)
    void noVotingDataDecisionEverAllowsAContactField(@ForAll("cases") Case c) {
        AccessRequest r = c.request();
        Decision decision = c.withRequest(new AccessRequest(Purpose.VOTING_DATA, null, r.scope(),
                new AccessRequest.Filters(null, null, "E2026"), r.audience(), r.channel() == null ? Channel.EMAIL : r.channel(),
                r.fields(), "x")).decide();
        assertThat(decision.allowedFields()).noneMatch(PolicyPropertiesTest::contactOrPersonal);
        if (decision.outcome() != Outcome.DENY) {
            assertThat(r.fields()).as("released %s to %s", r.fields(), c.requester()).noneMatch(PolicyPropertiesTest::contactOrPersonal);
        }
    }

    /** Home address, phone, email, birth date, membership status: what voting data never carries. */
    private static boolean contactOrPersonal(String field) {
        FieldCatalogue.Category category = PolicyWorld.POLICY.fields().categories().get(field);
        return switch (category) {
            case HOME_ADDRESS, PHONE, EMAIL, BIRTH_DATE, MEMBERSHIP_STATUS -> true;
            default -> false;
        };
    }

    @Property(tries = 2000)
    void theDecisionIsAPureFunction(@ForAll("cases") Case c) {
        assertThat(c.decide()).isEqualTo(c.decide());
    }

    @Property(tries = 2000)
    void membershipStatusNeverReachesAVendorWhoseServiceDoesNotNeedIt(@ForAll("cases") Case c) {
        if (c.request().purpose() != Purpose.VENDOR_SERVICE || c.agreementId() == null) {
            return;
        }
        AgreementFact agreement = PolicyWorld.AGREEMENTS.get(c.agreementId());
        boolean asksStatus = c.request().fields().stream().anyMatch(PolicyWorld.POLICY.fields()::needsServiceJustification)
                || c.request().audience() == Audience.MEMBERS;
        if (asksStatus && !agreement.membershipStatusRequired()) {
            assertThat(c.decide().outcome()).isEqualTo(Outcome.DENY);
        }
    }

    // ---- generators ----------------------------------------------------------------------

    @Provide
    Arbitrary<String> fieldNames() {
        return Arbitraries.of(PolicyWorld.POLICY.fields().fields());
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Requester> requester = Combinators.combine(
                Arbitraries.of(Role.class).set().ofMaxSize(3),
                Arbitraries.of("L083", "L084", "L101").set().ofMaxSize(2),
                Arbitraries.of(PolicyWorld.REGIONS).set().ofMaxSize(1),
                Arbitraries.of(PolicyWorld.GROUPS).set().ofMaxSize(1),
                Arbitraries.integers().between(0, 19))
                .as((roles, locals, regions, groups, vendor) -> vendor == 0 ? Requester.vendor(9, "V")
                        : PolicyWorld.person(roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles),
                                locals, regions, groups));
        Arbitrary<List<CandidacyFact>> candidacies = Arbitraries.of(
                        "LOCAL_OFFICE LOCAL L083 E1", "BOARD_SEAT REGION R3 E2", "BOARD_SEAT EMPLOYER_GROUP UNIVERSITIES E3",
                        "STATEWIDE_OFFICE STATEWIDE ALL E4", "CAPE_POSITION REGION R1 E5")
                .map(PolicyWorld::candidacy).list().ofMaxSize(1);
        Arbitrary<AccessRequest> request = Combinators.combine(
                Arbitraries.of(Purpose.class),
                Arbitraries.of(1L, 2L, 3L, 4L, 5L, 99L),
                Arbitraries.of("LOCAL L083", "LOCAL L084", "LOCAL L101", "REGION R1", "REGION R3",
                        "EMPLOYER_GROUP STATE_AGENCIES", "EMPLOYER_GROUP UNIVERSITIES", "STATEWIDE ALL").map(PolicyWorld::scope),
                Arbitraries.of(Audience.class),
                Arbitraries.of(Channel.class),
                Arbitraries.of(PolicyWorld.POLICY.fields().fields()).set().ofMinSize(1).ofMaxSize(6))
                .as((purpose, campaign, scope, audience, channel, fields) -> new AccessRequest(purpose,
                        purpose == Purpose.CAMPAIGN_OUTREACH ? campaign : null, scope,
                        purpose == Purpose.VOTING_DATA ? new AccessRequest.Filters(null, null, "E2026") : null, audience,
                        purpose == Purpose.VENDOR_SERVICE ? null : channel, new ArrayList<>(new LinkedHashSet<>(fields)), "x"));
        return Combinators.combine(requester, candidacies, Arbitraries.of(AcknowledgementStatus.class),
                        request, Arbitraries.of(10L, 11L, 12L, 13L, 14L, 15L, 16L).injectNull(0.2), Arbitraries.of(10L, 500L, 30_000L, 200_000L))
                .as(Case::new);
    }

    // ---- oracles written from the policy text, independently of the engine ----------------

    private static boolean statewide(Requester r) {
        return r.hasRole(Role.STATEWIDE_PRESIDENT) || r.hasRole(Role.EXECUTIVE_DIRECTOR) || r.hasRole(Role.DESIGNEE);
    }

    /** confidentiality §7-§8: a local's leaders reach their local; directors their region or group. */
    private static boolean inOwnScope(Requester r, PlacedScope scope) {
        Set<String> regions = r.regions();
        Set<String> groups = r.employerGroups();
        boolean director = r.hasRole(Role.DIRECTOR);
        return switch (scope.type()) {
            case LOCAL -> r.locals().contains(scope.id())
                    || (director && (regions.contains(scope.region()) || groups.contains(scope.employerGroup())));
            case REGION -> director && regions.contains(scope.id());
            case EMPLOYER_GROUP -> director && groups.contains(scope.id());
            case STATEWIDE -> false;
        };
    }

    /**
     * AP&P IV §6: the worksite-leader lists, headquarters' statewide master list included, "shall be
     * made available to Committee Chairpersons, Union Stewards, other officers, or staff persons".
     */
    /**
     * Board and committee members' published contacts are every member's, statewide (confidentiality
     * §6): people of the directory with what they published, never member rows of any scope.
     */
    private static boolean boardContacts(Case c) {
        return c.request().purpose() == Purpose.BOARD_CONTACTS
                && c.decide().rows() == RowSet.BOARD_AND_COMMITTEE;
    }

    private static boolean worksiteLeaderMasterList(Case c) {
        Requester r = c.requester();
        return c.request().purpose() == Purpose.WORKSITE_LEADERS
                && (r.hasRole(Role.COMMITTEE_CHAIR) || r.hasRole(Role.STEWARD) || r.hasRole(Role.LOCAL_OFFICER)
                || r.hasRole(Role.LOCAL_PRESIDENT) || r.hasRole(Role.DIRECTOR) || r.hasRole(Role.STATEWIDE_OFFICER)
                || r.hasRole(Role.STAFF));
    }
}
