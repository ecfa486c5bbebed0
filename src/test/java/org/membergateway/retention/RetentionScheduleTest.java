package org.membergateway.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Period;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.membergateway.policy.PolicyException;
import org.membergateway.policy.PolicySource;

/** policies/retention.yml as shipped, and the ways a bad schedule stops the start. */
class RetentionScheduleTest {

    private static String shipped() throws IOException {
        return Files.readString(Path.of("policies", RetentionSchedule.FILE), StandardCharsets.UTF_8);
    }

    private static RetentionSchedule parse(String yaml) {
        return RetentionSchedule.parse(yaml.getBytes(StandardCharsets.UTF_8));
    }

    /** The shipped file with one entry's line replaced. */
    private static String with(String from, String to) throws IOException {
        String yaml = shipped();
        assertThat(yaml).contains(from);
        return yaml.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to));
    }

    @Test
    void theShippedScheduleLoadsWithTheAppsMinimumsAndItsHash() throws Exception {
        RetentionSchedule schedule = RetentionSchedule.load(PolicySource.bundled());
        assertThat(schedule.entries()).hasSize(RecordType.values().length);
        assertThat(schedule.keep(RecordType.VOTING_DATA)).isEqualTo(Period.ofYears(2));
        assertThat(schedule.keep(RecordType.ELECTION_MATERIAL)).isEqualTo(Period.ofYears(1));
        assertThat(schedule.keep(RecordType.EXPORT_FILES)).isEqualTo(Period.ZERO);
        assertThat(schedule.entries().get(RecordType.VOTING_DATA).clause()).isEqualTo("AP&P XVI §6(e)");
        assertThat(schedule.entries().get(RecordType.ELECTION_MATERIAL).clause()).isEqualTo("AP&P XVI §7(e)");
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(shipped().getBytes(StandardCharsets.UTF_8)));
        assertThat(schedule.version()).isEqualTo("sha256:" + sha);
    }

    @Test
    void aPolicyDirectoryWithoutTheScheduleDoesNotStart(@TempDir Path dir) {
        assertThatThrownBy(() -> RetentionSchedule.load(PolicySource.directory(dir)))
                .isInstanceOf(PolicyException.class).hasMessageContaining("retention.yml: missing");
    }

    @Test
    void votingDataKeptLessThanTheAppsTwoYearsIsRefused() throws Exception {
        String yaml = with("    keep: P2Y               # a minimum: \"maintained for a minimum of two years\"",
                "    keep: P1Y");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(PolicyException.class)
                .hasMessage("retention.yml: recordTypes.voting-data.keep: P1Y is shorter than the minimum P2Y for voting-data");
    }

    @Test
    void acknowledgementsBelowTheDatabasesFloorAreRefused() throws Exception {
        assertThatThrownBy(() -> parse(with("    keep: P3Y", "    keep: P2Y"))).isInstanceOf(PolicyException.class)
                .hasMessageContaining("recordTypes.acknowledgements.keep: P2Y is shorter than the minimum P3Y");
    }

    @Test
    void aDisposalTheGatewayDoesNotImplementIsRefused() throws Exception {
        String yaml = with("    disposal: CRYPTO_SHRED", "    disposal: DELETE_ROW");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("recordTypes.export-files.disposal: \"DELETE_ROW\", but the gateway implements CRYPTO_SHRED");
    }

    @Test
    void unknownMissingAndMisspeltEntriesAreNamed() throws Exception {
        assertThatThrownBy(() -> parse(with("  web-sessions:", "  web-sesions:"))).isInstanceOf(PolicyException.class)
                .hasMessageContaining("recordTypes.web-sesions: unknown record type");
        assertThatThrownBy(() -> parse(with("    clause: AP&P XVI §7(e)", "    clause: AP&P XVI §7(e)\n    kept: P1Y")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("recordTypes.election-material.kept: unknown key");
        assertThatThrownBy(() -> parse(with("    keep: P0D\n    after: EXPIRED\n    disposal: DELETE_ROW",
                "    keep: zero\n    after: EXPIRED\n    disposal: DELETE_ROW")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("recordTypes.web-sessions.keep: \"zero\" is not");
        String withoutSeeds = shipped().replaceAll("(?s)  seeds:.*?(?=  list-request-justifications:)", "");
        assertThatThrownBy(() -> parse(withoutSeeds)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("recordTypes: missing seeds");
    }

    @Test
    void everyEntryCitesAClause() throws Exception {
        assertThatThrownBy(() -> parse(with("    clause: AP&P XVI §7(e)", "    clause: our choice")))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining("recordTypes.election-material.clause: \"our choice\" does not cite a clause");
    }

    @Test
    void seedsCannotOutliveTheirExportsRecord() throws Exception {
        String yaml = with("    keep: P2Y               # no longer than export-records (a seed names its export)", "    keep: P3Y");
        assertThatThrownBy(() -> parse(yaml)).isInstanceOf(PolicyException.class)
                .hasMessageContaining("recordTypes.seeds.keep: longer than export-records.keep");
    }

    @Test
    void theAuditTrailIsKeptPermanentlyAndHoldsNoMemberData() throws Exception {
        assertThatThrownBy(() -> parse(with("  memberData: false", "  memberData: true")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("auditTrail.memberData: must be false");
        assertThatThrownBy(() -> parse(with("  keep: PERMANENT", "  keep: P10Y")))
                .isInstanceOf(PolicyException.class).hasMessageContaining("auditTrail.keep");
        assertThatThrownBy(() -> parse(shipped().substring(0, shipped().indexOf("auditTrail:"))))
                .isInstanceOf(PolicyException.class).hasMessageContaining("auditTrail: missing");
    }
}
