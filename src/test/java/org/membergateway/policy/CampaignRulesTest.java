package org.membergateway.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/** policies/campaigns.yml as the gateway reads it: who approves a campaign over each scope. */
class CampaignRulesTest {

    static final CampaignRules RULES = CampaignRules.load(PolicySource.directory(Path.of("policies")));

    static String describe(Approver a) {
        return a.role() + " " + a.scopeType() + " " + a.scopeId();
    }

    @Test
    void theAppropriateOfficerOrTheExecutiveDirectorApproves() {
        assertThat(RULES.clause()).isEqualTo("confidentiality §8, §9");
        assertThat(RULES.approvers(PlacedScope.local("L083", "R3", "STATE_AGENCIES"))).extracting(CampaignRulesTest::describe)
                .containsExactly("LOCAL_PRESIDENT LOCAL L083", "EXECUTIVE_DIRECTOR STATEWIDE ALL");
        assertThat(RULES.approvers(PlacedScope.region("R3"))).extracting(CampaignRulesTest::describe)
                .containsExactly("DIRECTOR REGION R3", "EXECUTIVE_DIRECTOR STATEWIDE ALL");
        assertThat(RULES.approvers(PlacedScope.employerGroup("UNIVERSITIES"))).extracting(CampaignRulesTest::describe)
                .containsExactly("DIRECTOR EMPLOYER_GROUP UNIVERSITIES", "EXECUTIVE_DIRECTOR STATEWIDE ALL");
        assertThat(RULES.approvers(PlacedScope.STATEWIDE)).extracting(CampaignRulesTest::describe)
                .containsExactly("EXECUTIVE_DIRECTOR STATEWIDE ALL");
    }

    @Test
    void onlyTheExecutiveDirectorsOwnCampaignsAreActiveAtCreation() {
        assertThat(RULES.activeAtCreation(person(Role.EXECUTIVE_DIRECTOR))).isTrue();
        for (Role role : Set.of(Role.ADMIN, Role.STAFF, Role.STATEWIDE_PRESIDENT, Role.DESIGNEE, Role.LOCAL_PRESIDENT)) {
            assertThat(RULES.activeAtCreation(person(role))).as(role.name()).isFalse();
        }
    }

    @Test
    void aWrongFileStopsTheGateway(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve(CampaignRules.FILE), """
                clause: confidentiality §8
                approvers:
                  LOCAL: [LOCAL_PRESIDENT_OF_SCOPE]
                  REGION: [DIRECTOR_OF_SCOPE]
                  EMPLOYER_GROUP: [DIRECTOR_OF_SCOPE]
                """);
        assertThatThrownBy(() -> CampaignRules.load(PolicySource.directory(dir)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("missing STATEWIDE");
        Files.writeString(dir.resolve(CampaignRules.FILE), """
                clause: confidentiality §8
                approvers:
                  LOCAL: [LOCAL_PRESIDENT]
                """);
        assertThatThrownBy(() -> CampaignRules.load(PolicySource.directory(dir)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("approvers.LOCAL");
        Files.writeString(dir.resolve(CampaignRules.FILE), "clause: somewhere\napprovers: {}\n");
        assertThatThrownBy(() -> CampaignRules.load(PolicySource.directory(dir)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("clause");
        Files.writeString(dir.resolve(CampaignRules.FILE), "clause: confidentiality §8\napprovers: {}\nmaxDays: 9\n");
        assertThatThrownBy(() -> CampaignRules.load(PolicySource.directory(dir)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("unknown key maxDays");
    }

    private static Requester person(Role role) {
        return Requester.person("someone", "Some One", Set.of(role), Set.of(), Set.of(), Set.of(), null);
    }
}
