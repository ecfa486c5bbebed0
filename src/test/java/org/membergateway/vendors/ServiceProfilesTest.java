package org.membergateway.vendors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.membergateway.acknowledgements.PolicyTestDirectories;
import org.membergateway.policy.FieldCatalogue;
import org.membergateway.policy.PolicyException;
import org.membergateway.members.MemberCsv;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;

/** policies/vendor-services.yml: the bundled profiles, and a bad file stops the start naming file and path. */
class ServiceProfilesTest {

    static final FieldCatalogue CATALOGUE = PolicyLoader.load(PolicySource.bundled(), MemberCsv.COLUMNS).fields();

    @Test
    void theBundledProfilesGiveEachServiceOnlyWhatItNeeds() {
        ServiceProfiles profiles = ServiceProfiles.load(PolicySource.bundled(), CATALOGUE);
        assertThat(profiles.all()).containsOnlyKeys(ServiceKind.values());
        assertThat(profiles.profile(ServiceKind.MAIL_HOUSE).fields())
                .containsExactly("first_name", "last_name", "home_street", "home_city", "home_state", "home_zip");
        assertThat(profiles.profile(ServiceKind.VOTER_REGISTRATION_CHECK).fields()).contains("birth_date")
                .doesNotContain("membership_status");
        // An election's literature vendor reaches the electorate, which is the members, by post or email
        // (confidentiality §4, §5; 29 CFR 452.67): membership status and the home email, never a phone.
        ServiceProfile election = profiles.profile(ServiceKind.ELECTION_LITERATURE);
        assertThat(election.needsMembershipStatus()).isTrue();
        assertThat(election.statusFields()).containsExactly("membership_status");
        assertThat(election.fields()).contains("home_email", "home_street")
                .doesNotContain("cape_contributor", "home_phone", "mobile_phone", "member_id", "birth_date");
        for (ServiceKind service : ServiceKind.values()) {
            if (service == ServiceKind.ELECTION_LITERATURE) {
                continue;
            }
            ServiceProfile profile = profiles.profile(service);
            // confidentiality §4: membership status only for the member-only benefits, and never CAPE giving.
            boolean benefit = service == ServiceKind.BENEFITS_CARRIER || service == ServiceKind.LEGAL_BENEFITS;
            assertThat(profile.needsMembershipStatus()).as(service.name()).isEqualTo(benefit);
            assertThat(profile.fields()).doesNotContain("cape_contributor", "home_phone", "home_email", "mobile_phone");
            if (benefit) {
                assertThat(profile.statusFields()).containsExactly("membership_status");
                assertThat(profile.statusJustification()).isEqualTo("eligibility for member-only benefit");
                assertThat(profile.clause()).isEqualTo("confidentiality §3, §4");
            }
        }
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "    fields: [first_name, last_name, home_street, home_city, home_state, home_zip]|"
                + "    fields: [first_name, last_name, home_zip, membership_status]|services.MAIL_HOUSE.fields: [membership_status]",
        "    fields: [first_name, last_name, home_street, home_city, home_state, home_zip]|"
                + "    fields: [first_name, ssn]|services.MAIL_HOUSE.fields[1]: unknown field",
        "    clause: confidentiality §3\\n    description: Printing|"
                + "    clause: somewhere\\n    description: Printing|services.MAIL_HOUSE.clause",
        "  MAIL_HOUSE:|  MAIL_HOUSES:|services.MAIL_HOUSES: unknown service",
        "    fields: [first_name, last_name, home_street, home_city, home_state, home_zip]|"
                + "    fields: [first_name]\\n    feilds: [last_name]|services.MAIL_HOUSE.feilds: unknown key",
    })
    void aBadFileStopsTheStartNamingThePath(String from, String to, String expected) throws IOException {
        Path dir = PolicyTestDirectories.copyOfBundled();
        Path file = dir.resolve(ServiceProfiles.FILE);
        String yaml = Files.readString(file);
        String changed = yaml.replaceFirst(java.util.regex.Pattern.quote(from.replace("\\n", "\n")),
                java.util.regex.Matcher.quoteReplacement(to.replace("\\n", "\n")));
        assertThat(changed).as("the bundled file changed shape; update this test").isNotEqualTo(yaml);
        Files.writeString(file, changed);
        assertThatThrownBy(() -> ServiceProfiles.load(PolicySource.directory(dir), CATALOGUE))
                .isInstanceOf(PolicyException.class)
                .hasMessageStartingWith(file.toString() + ": ")
                .hasMessageContaining(expected);
    }

    @Test
    void aMissingServiceOrFileStopsTheStart() throws IOException {
        Path dir = PolicyTestDirectories.copyOfBundled();
        Path file = dir.resolve(ServiceProfiles.FILE);
        List<String> lines = Files.readAllLines(file);
        int legal = lines.indexOf("  LEGAL_BENEFITS:");
        Files.write(file, lines.subList(0, legal));
        assertThatThrownBy(() -> ServiceProfiles.load(PolicySource.directory(dir), CATALOGUE))
                .hasMessageContaining("services: missing LEGAL_BENEFITS");
        Files.delete(file);
        assertThatThrownBy(() -> ServiceProfiles.load(PolicySource.directory(dir), CATALOGUE))
                .hasMessageContaining(ServiceProfiles.FILE + ": the policy file is missing");
    }
}
