package org.membergateway.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.membergateway.requests.ListRequestFixture.aPendingRequest;
import static org.membergateway.requests.ListRequestFixture.anAllowedRequest;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;

/** Who may see, decide and export a list request: one case per rule. */
class ListRequestAccessTest {

    static final ListRequest PENDING = aPendingRequest().build();

    static Requester person(String username, Role role, String... locals) {
        return Requester.person(username, username, Set.of(role), Set.of(locals), Set.of(), Set.of(), null);
    }

    static final Requester REQUESTER = person("officer83", Role.LOCAL_OFFICER, "L083");
    static final Requester PRESIDENT = person("president83", Role.LOCAL_PRESIDENT, "L083");
    static final Requester OTHER_PRESIDENT = person("president84", Role.LOCAL_PRESIDENT, "L084");
    static final Requester AUDITOR = person("auditor", Role.AUDITOR);
    static final Requester VENDOR = Requester.vendor(5, "Mail house");

    @Test
    void itsRequesterSeesItAndAloneExportsIt() {
        assertThat(ListRequestAccess.maySee(REQUESTER, PENDING)).isTrue();
        assertThat(ListRequestAccess.mayExport(REQUESTER, PENDING)).isTrue();
        assertThat(ListRequestAccess.mayExport(PRESIDENT, PENDING)).isFalse();
        assertThat(ListRequestAccess.mayExport(AUDITOR, PENDING)).isFalse();
    }

    @Test
    void itsRequesterNeverApprovesIt() {
        Requester presidentWhoAsked = person("officer83", Role.LOCAL_PRESIDENT, "L083");
        assertThat(ListRequestAccess.mayApprove(presidentWhoAsked, PENDING)).as("holds the approver role, but asked").isFalse();
        assertThat(ListRequestAccess.refusal(presidentWhoAsked, PENDING)).get()
                .extracting(ListRequestException::error).isEqualTo("SELF_APPROVAL");
    }

    @Test
    void theApproverItNamesSeesAndDecidesIt() {
        assertThat(ListRequestAccess.maySee(PRESIDENT, PENDING)).isTrue();
        assertThat(ListRequestAccess.mayApprove(PRESIDENT, PENDING)).isTrue();
        assertThat(ListRequestAccess.refusal(PRESIDENT, PENDING)).isEmpty();
    }

    @Test
    void theSameRoleElsewhereNeitherSeesNorDecidesIt() {
        assertThat(ListRequestAccess.maySee(OTHER_PRESIDENT, PENDING)).isFalse();
        assertThat(ListRequestAccess.mayApprove(OTHER_PRESIDENT, PENDING)).isFalse();
    }

    @Test
    void anAuditorSeesButNeverDecides() {
        assertThat(ListRequestAccess.maySee(AUDITOR, PENDING)).isTrue();
        assertThat(ListRequestAccess.refusal(AUDITOR, PENDING)).get().extracting(ListRequestException::error)
                .isEqualTo("NOT_AN_APPROVER");
        assertThat(ListRequestAccess.refusal(AUDITOR, PENDING).orElseThrow().getMessage())
                .contains("the local president of local L083");
    }

    @Test
    void aRequestAllowedOutrightHasNobodyToDecideIt() {
        ListRequest allowed = anAllowedRequest().build();
        assertThat(ListRequestAccess.mayApprove(PRESIDENT, allowed)).isFalse();
        assertThat(ListRequestAccess.refusal(AUDITOR, allowed)).get().extracting(ListRequestException::getMessage)
                .asString().contains("without approval");
    }

    @Test
    void aVendorNeverSeesDecidesOrExportsARequest() {
        assertThat(ListRequestAccess.maySee(VENDOR, PENDING)).isFalse();
        assertThat(ListRequestAccess.mayApprove(VENDOR, PENDING)).isFalse();
        assertThat(ListRequestAccess.mayExport(VENDOR, PENDING)).isFalse();
    }
}
