package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ws.rs.core.MultivaluedHashMap;
import org.junit.jupiter.api.Test;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.ScopeType;

/** The request form as the JSON API's body: what the form adds (a statewide id, a campaign left chosen) and where errors go. */
class RequestFormTest {

    static RequestForm form(String... pairs) {
        MultivaluedHashMap<String, String> map = new MultivaluedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.add(pairs[i], pairs[i + 1]);
        }
        return RequestForm.from(map);
    }

    @Test
    void theFormBecomesTheApisBody() {
        AccessRequestBody body = form("purpose", "CAMPAIGN_OUTREACH", "campaignId", " 12 ", "scopeType", "LOCAL",
                "scopeId", " L083 ", "audience", "MEMBERS", "channel", "MAIL", "fields", "first_name", "fields", "home_zip",
                "worksite", "", "classification", "Nurse", "justification", "For the drive").body();
        assertThat(body.purpose()).isEqualTo("CAMPAIGN_OUTREACH");
        assertThat(body.campaignId()).isEqualTo(12L);
        assertThat(body.scope()).isEqualTo(new AccessRequestBody.ScopeBody("LOCAL", "L083"));
        assertThat(body.filters()).isEqualTo(new AccessRequestBody.FiltersBody(null, "Nurse"));
        assertThat(body.fields()).containsExactly("first_name", "home_zip");
        assertThat(body.justification()).isEqualTo("For the drive");
    }

    @Test
    void statewideIsAlwaysAllAndOnlyCampaignOutreachNamesACampaign() {
        AccessRequestBody statewide = form("purpose", "LOCAL_COMMUNICATION", "campaignId", "12", "scopeType", "STATEWIDE",
                "scopeId", "L083").body();
        assertThat(statewide.scope()).isEqualTo(new AccessRequestBody.ScopeBody("STATEWIDE", "ALL"));
        assertThat(statewide.campaignId()).as("a campaign left chosen for another purpose").isNull();
        assertThat(form().body().purpose()).isNull();
        assertThat(form().body().fields()).isEmpty();
        assertThatThrownBy(() -> form("purpose", "CAMPAIGN_OUTREACH", "campaignId", "twelve").body())
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.parameter()).isEqualTo("campaignId"));
    }

    @Test
    void theParsersFieldNamesAreTheFormsFields() {
        assertThat(RequestForm.formField("scope.id")).isEqualTo("scopeId");
        assertThat(RequestForm.formField("scope")).isEqualTo("scopeType");
        assertThat(RequestForm.formField("scope.type")).isEqualTo("scopeType");
        assertThat(RequestForm.formField("fields[3]")).isEqualTo("fields");
        assertThat(RequestForm.formField("filters.worksite")).isEqualTo("worksite");
        assertThat(RequestForm.formField("justification")).isEqualTo("justification");
        assertThat(RequestForm.formField("body")).isEqualTo("purpose");
        assertThat(RequestForm.formField(null)).isEqualTo("purpose");
    }

    @Test
    void aNewFormStartsAtThePersonsOwnLocalAndKeepsWhatWasSentBounded() {
        Requester officer = Requester.person("o", "O", java.util.Set.of(Role.LOCAL_OFFICER), java.util.Set.of("L083"),
                java.util.Set.of(), java.util.Set.of(), null);
        assertThat(RequestForm.initial(officer).scopeId()).isEqualTo("L083");
        assertThat(RequestForm.initial(officer).scopeType()).isEqualTo("LOCAL");
        Requester director = Requester.person("d", "D", java.util.Set.of(Role.DIRECTOR), java.util.Set.of(),
                java.util.Set.of("R3"), java.util.Set.of(), null);
        assertThat(RequestForm.initial(director).scopeId()).isEmpty();
        RequestForm huge = form("justification", "x".repeat(10_000));
        assertThat(huge.justification()).as("still too long for the parser, so still refused").hasSize(2000);
        assertThat(form(java.util.stream.IntStream.range(0, 500).boxed()
                .flatMap(i -> java.util.stream.Stream.of("fields", "f" + i)).toArray(String[]::new)).fields()).hasSize(100);
    }

    @Test
    void withSeveralListsTheScopeIdIsTheOneAtTheChosenTypesPlace() {
        java.util.List<ScopeType> shown = java.util.List.of(ScopeType.LOCAL, ScopeType.REGION, ScopeType.EMPLOYER_GROUP);
        MultivaluedHashMap<String, String> sent = new MultivaluedHashMap<>();
        sent.add("scopeType", "REGION");
        sent.addAll("scopeId", "L084", "R3", "");
        assertThat(RequestForm.from(sent, shown).scopeId()).isEqualTo("R3");
        sent.putSingle("scopeType", "EMPLOYER_GROUP");
        assertThat(RequestForm.from(sent, shown).scopeId()).as("its list left unchosen").isEmpty();
        sent.putSingle("scopeType", "STATEWIDE");
        assertThat(RequestForm.from(sent, shown).scopeId()).as("no list of its own").isEmpty();
        assertThat(RequestForm.from(sent, java.util.List.of(ScopeType.LOCAL, ScopeType.REGION)).scopeId())
                .as("not the form the person was shown: they choose again").isEmpty();
        MultivaluedHashMap<String, String> one = new MultivaluedHashMap<>();
        one.add("scopeType", "LOCAL");
        one.add("scopeId", "L083");
        assertThat(RequestForm.from(one, shown).scopeId()).as("a single id means itself").isEqualTo("L083");
    }
}
