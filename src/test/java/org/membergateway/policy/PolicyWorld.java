package org.membergateway.policy;

import org.membergateway.members.MemberCsv;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/**
 * The small union the conformance table and the property tests are written against (described at
 * the top of src/test/resources/policy/conformance.yml), and the real policy from policies/.
 */
final class PolicyWorld {

    static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
    static final Policy POLICY = PolicyLoader.load(PolicySource.directory(java.nio.file.Path.of("policies")), MemberCsv.COLUMNS);
    static final PolicyEngine ENGINE = new PolicyEngine(POLICY);

    static final Map<String, PlacedScope> LOCALS = Map.of(
            "L083", PlacedScope.local("L083", "R3", "STATE_AGENCIES"),
            "L084", PlacedScope.local("L084", "R3", "UNIVERSITIES"),
            "L101", PlacedScope.local("L101", "R1", "STATE_AGENCIES"));
    static final List<String> REGIONS = List.of("R1", "R3");
    static final List<String> GROUPS = List.of("STATE_AGENCIES", "UNIVERSITIES");

    private static final LocalDate JAN_2026 = LocalDate.of(2026, 1, 1);
    private static final LocalDate DEC_2026 = LocalDate.of(2026, 12, 31);
    private static final CampaignTargets OFFICE_CLASSES = new CampaignTargets(
            Set.of("Office Specialist 2", "Office Assistant 2"), Set.of(), Set.of());

    /** Campaigns 1-5: conformance.yml; 6-12: conformance-campaigns.yml (approval, early end, targets). */
    static final Map<Long, CampaignFact> CAMPAIGNS = Map.ofEntries(
            Map.entry(1L, new CampaignFact(1, CampaignKind.CAPE, LOCALS.get("L083"), JAN_2026, DEC_2026)),
            Map.entry(2L, new CampaignFact(2, CampaignKind.ORGANIZING, PlacedScope.region("R3"), LocalDate.of(2026, 6, 1), LocalDate.of(2027, 5, 31))),
            Map.entry(3L, new CampaignFact(3, CampaignKind.SELECTIVE_CLASSIFICATION, LOCALS.get("L083"), LocalDate.of(2025, 1, 1),
                    LocalDate.of(2025, 12, 31), CampaignStatus.ACTIVE, OFFICE_CLASSES)),
            Map.entry(4L, new CampaignFact(4, CampaignKind.CAPE, PlacedScope.STATEWIDE, JAN_2026, LocalDate.of(2027, 12, 31))),
            Map.entry(5L, new CampaignFact(5, CampaignKind.ORGANIZING, LOCALS.get("L101"), JAN_2026, LocalDate.of(2027, 12, 31))),
            Map.entry(6L, new CampaignFact(6, CampaignKind.SELECTIVE_CLASSIFICATION, LOCALS.get("L083"), JAN_2026, DEC_2026,
                    CampaignStatus.ACTIVE, OFFICE_CLASSES)),
            Map.entry(7L, new CampaignFact(7, CampaignKind.ORGANIZING, LOCALS.get("L083"), JAN_2026, DEC_2026,
                    CampaignStatus.PENDING_APPROVAL, CampaignTargets.NONE)),
            Map.entry(8L, new CampaignFact(8, CampaignKind.ORGANIZING, LOCALS.get("L083"), JAN_2026, DEC_2026,
                    CampaignStatus.REJECTED, CampaignTargets.NONE)),
            Map.entry(9L, new CampaignFact(9, CampaignKind.ORGANIZING, LOCALS.get("L083"), JAN_2026, DEC_2026,
                    CampaignStatus.ENDED, CampaignTargets.NONE)),
            Map.entry(10L, new CampaignFact(10, CampaignKind.ORGANIZING, PlacedScope.region("R3"), JAN_2026, DEC_2026,
                    CampaignStatus.ACTIVE, new CampaignTargets(Set.of(), Set.of("DMV Salem"), Set.of(Audience.REPRESENTED_WORKERS)))),
            Map.entry(11L, new CampaignFact(11, CampaignKind.SELECTIVE_CLASSIFICATION, LOCALS.get("L083"), JAN_2026, DEC_2026,
                    CampaignStatus.ACTIVE, CampaignTargets.NONE)),
            Map.entry(12L, new CampaignFact(12, CampaignKind.CAPE, LOCALS.get("L083"), LocalDate.of(2027, 1, 1),
                    LocalDate.of(2027, 6, 30), CampaignStatus.ACTIVE, CampaignTargets.NONE)));

    private static final Set<String> MAILING = Set.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip");
    static final Map<Long, AgreementFact> AGREEMENTS = Map.of(
            10L, new AgreementFact(10, MAILING, false, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), true),
            11L, new AgreementFact(11, MAILING, false, LocalDate.of(2025, 1, 1), LocalDate.of(2025, 12, 31), true),
            12L, new AgreementFact(12, Set.of("first_name", "last_name", "birth_date", "membership_status", "home_street",
                    "home_city", "home_state", "home_zip"), true, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), true),
            13L, new AgreementFact(13, MAILING, false, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), false),
            14L, new AgreementFact(14, Set.of("first_name", "membership_status"), false, LocalDate.of(2026, 1, 1),
                    LocalDate.of(2027, 1, 1), true),
            // A benefits carrier whose service reaches the benefit's holders only (confidentiality §3).
            15L, new AgreementFact(15, Set.of("first_name", "last_name", "birth_date", "membership_status"), true,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), true, Set.of(Audience.MEMBERS)),
            // Lists a home phone but says no service need for it (confidentiality §4).
            16L, new AgreementFact(16, Set.of("first_name", "last_name", "home_phone", "home_email"), false,
                    LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), true),
            // An election's literature vendor: the electorate is the members, by post or email (confidentiality §4, §5).
            25L, new AgreementFact(25, Set.of("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip",
                    "home_email", "membership_status"), true, LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), true,
                    Set.of(Audience.MEMBERS)));

    private PolicyWorld() {
    }

    /** {@code "LOCAL L083"}, {@code "REGION R3"}, {@code "EMPLOYER_GROUP X"}, {@code "STATEWIDE ALL"}. */
    static PlacedScope scope(String text) {
        String[] parts = text.split(" ");
        return switch (ScopeType.valueOf(parts[0])) {
            case LOCAL -> LOCALS.get(parts[1]);
            case REGION -> PlacedScope.region(parts[1]);
            case EMPLOYER_GROUP -> PlacedScope.employerGroup(parts[1]);
            case STATEWIDE -> PlacedScope.STATEWIDE;
        };
    }

    /** {@code "BOARD_SEAT REGION R3 E2027"}. */
    static CandidacyFact candidacy(String text) {
        String[] parts = text.split(" ");
        return new CandidacyFact(Office.valueOf(parts[0]), scope(parts[1] + " " + parts[2]), parts[3]);
    }

    static Requester person(Set<Role> roles, Set<String> locals, Set<String> regions, Set<String> groups) {
        return Requester.person("someone", "Some One", roles, locals, regions, groups, null);
    }

    static Facts facts(Requester requester, List<CandidacyFact> candidacies, AcknowledgementStatus ack,
                       Long campaignId, Long agreementId, long rows) {
        return facts(requester, candidacies, ack, campaignId, agreementId, rows, 0);
    }

    /** @param earlierRows rows of the requester's other lists for the purpose in the row-cap window */
    static Facts facts(Requester requester, List<CandidacyFact> candidacies, AcknowledgementStatus ack,
                       Long campaignId, Long agreementId, long rows, long earlierRows) {
        return new Facts(requester, candidacies, ack, "Sign it at POST /api/v1/acknowledgements.",
                campaignId == null ? null : CAMPAIGNS.get(campaignId),
                agreementId == null ? null : AGREEMENTS.get(agreementId), RowCount.of(rows), TODAY, RowCount.of(earlierRows));
    }
}
