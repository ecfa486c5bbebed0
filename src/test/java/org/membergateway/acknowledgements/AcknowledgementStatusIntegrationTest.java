package org.membergateway.acknowledgements;

import org.membergateway.testing.TempDirectories;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.crypto.GatewayOpenPgpKey;
import org.membergateway.policy.AcknowledgementStatus;
import org.membergateway.policy.PolicySource;
import org.membergateway.testing.TestDatabases;

/**
 * {@link AcknowledgementService#status}, the fact the policy engine decides on: MISSING, OUTDATED
 * after the text changed, EXPIRED, CURRENT; against real PostgreSQL as the application role.
 */
class AcknowledgementStatusIntegrationTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static TestDatabases.SplitRoles db;
    static GatewayOpenPgpKey key;
    static PolicyDocuments bundled;
    static final List<AuditEvent> AUDITED = new CopyOnWriteArrayList<>();
    static final AuditTrail TRAIL = event -> {
        AUDITED.add(event);
        return null;
    };

    @BeforeAll
    static void setUp() throws Exception {
        db = TestDatabases.openFreshWithAppRole();
        key = GatewayOpenPgpKey.loadOrCreate(TempDirectories.create("ack-key"), "status test passphrase".toCharArray(),
                "test");
        bundled = PolicyDocuments.load(PolicySource.bundled());
        db.superuser().useHandle(h -> {
            for (String name : List.of("alice", "bob", "carol", "dan", "erin")) {
                h.execute("INSERT INTO people (username, display_name, password_hash) VALUES (?, ?, '$argon2id$test')",
                        name, "Nguyễn Thị " + name);
            }
        });
    }

    @AfterAll
    static void tearDown() {
        db.close();
    }

    static AcknowledgementService service(PolicyDocuments documents, Instant now) {
        return new AcknowledgementService(db.app(), documents, key, TRAIL, Clock.fixed(now, ZoneOffset.UTC),
                Period.ofMonths(12));
    }

    static Requester person(String username) {
        return Requester.person(username, "Nguyễn Thị " + username, Set.of(Role.MEMBER), Set.of(), Set.of(), Set.of(), null);
    }

    /** Acknowledges the current version of every required document online, as the person, at {@code now}. */
    static void signAll(AcknowledgementService service, String username) {
        for (AcknowledgementService.RequiredDocument document : service.requiredDocuments()) {
            service.acknowledge(person(username), new NewAcknowledgement(document.documentId(), document.version(), "vi",
                    "  nguyễn  THỊ " + username.toUpperCase() + " ", null), AcknowledgementService.Client.NONE);
        }
    }

    @Test
    void nobodyWhoNeverAcknowledgedIsCurrent() {
        AcknowledgementService service = service(bundled, T0);
        assertThat(service.status("alice", T0)).isEqualTo(AcknowledgementStatus.MISSING);
        assertThat(service.status("no-such-person", T0)).isEqualTo(AcknowledgementStatus.MISSING);
        assertThat(service.requiredDocuments()).extracting(AcknowledgementService.RequiredDocument::documentId,
                        AcknowledgementService.RequiredDocument::version)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("confidentiality-policy", "2017-11-18"),
                        org.assertj.core.groups.Tuple.tuple("confidentiality-agreement", "2026-11-01"));
    }

    @Test
    void acknowledgingOnlyOneOfTheRequiredDocumentsIsNotEnough() {
        AcknowledgementService service = service(bundled, T0);
        service.acknowledge(person("bob"), new NewAcknowledgement("confidentiality-agreement", "2026-11-01", "en",
                "Nguyễn Thị bob", "bob"), AcknowledgementService.Client.NONE);
        AcknowledgementService.StatusReport report = service.report("bob", T0.plusSeconds(1));
        assertThat(report.status()).isEqualTo(AcknowledgementStatus.MISSING);
        assertThat(report.documents()).extracting(AcknowledgementService.DocumentStatus::status)
                .containsExactly(AcknowledgementStatus.MISSING, AcknowledgementStatus.CURRENT);
        assertThat(report.signAt()).isEqualTo("POST /api/v1/acknowledgements");
    }

    @Test
    void aFreshAcknowledgementOfEveryRequiredDocumentIsCurrentUntilItExpires() {
        AcknowledgementService service = service(bundled, T0);
        AUDITED.clear();
        signAll(service, "carol");
        assertThat(service.status("carol", T0)).isEqualTo(AcknowledgementStatus.CURRENT);
        assertThat(service.status("CAROL", T0.plus(Period.ofDays(364)))).isEqualTo(AcknowledgementStatus.CURRENT);
        assertThat(service.status("carol", T0.minusSeconds(1))).as("not before it was signed")
                .isEqualTo(AcknowledgementStatus.MISSING);
        // 12 months to the day later it has expired.
        Instant expiry = T0.atZone(ZoneOffset.UTC).plusMonths(12).toInstant();
        assertThat(service.status("carol", expiry.minusSeconds(1))).isEqualTo(AcknowledgementStatus.CURRENT);
        assertThat(service.status("carol", expiry)).isEqualTo(AcknowledgementStatus.EXPIRED);
        assertThat(AUDITED).hasSize(2).allSatisfy(e -> {
            assertThat(e.type()).isEqualTo(AuditEventType.ACKNOWLEDGEMENT);
            assertThat(e.actor()).isEqualTo("carol");
            assertThat(e.decision()).isEqualTo("SIGNED");
            assertThat(e.target()).startsWith("person:carol/acknowledgement:").doesNotContain("Nguyễn");
        });

        // Signing again renews it.
        signAll(service(bundled, expiry.plusSeconds(60)), "carol");
        assertThat(service.status("carol", expiry.plusSeconds(61))).isEqualTo(AcknowledgementStatus.CURRENT);
    }

    @Test
    void afterTheTextChangesAnAcknowledgementOfTheOldVersionIsOutdated() {
        signAll(service(bundled, T0), "dan");
        assertThat(service(bundled, T0).status("dan", T0)).isEqualTo(AcknowledgementStatus.CURRENT);

        Path changed = PolicyTestDirectories.withNewAgreementVersion("2027-01-01");
        PolicyDocuments revised = PolicyDocuments.load(PolicySource.directory(changed));
        AcknowledgementService after = service(revised, T0.plusSeconds(3600));
        assertThat(after.status("dan", T0.plusSeconds(3600))).isEqualTo(AcknowledgementStatus.OUTDATED);
        assertThat(after.report("dan", T0.plusSeconds(3600)).documents())
                .extracting(AcknowledgementService.DocumentStatus::status)
                .containsExactly(AcknowledgementStatus.CURRENT, AcknowledgementStatus.OUTDATED);
        assertThat(after.requiredDocuments()).extracting(AcknowledgementService.RequiredDocument::version)
                .containsExactly("2017-11-18", "2027-01-01");

        // The old version can no longer be acknowledged; the new one can, and makes dan current again.
        assertThatThrownBy(() -> after.acknowledge(person("dan"), new NewAcknowledgement("confidentiality-agreement",
                "2026-11-01", "en", "Nguyễn Thị dan", null), AcknowledgementService.Client.NONE))
                .isInstanceOf(AcknowledgementException.class)
                .hasMessageContaining("no longer current").hasMessageContaining("2027-01-01");
        after.acknowledge(person("dan"), new NewAcknowledgement("confidentiality-agreement", "2027-01-01", "en",
                "Nguyễn Thị dan", null), AcknowledgementService.Client.NONE);
        assertThat(after.status("dan", T0.plusSeconds(3600))).isEqualTo(AcknowledgementStatus.CURRENT);
    }

    @Test
    void anOutdatedAndAnExpiredDocumentTogetherAreOutdated() {
        signAll(service(bundled, T0), "erin");
        PolicyDocuments revised = PolicyDocuments.load(PolicySource.directory(
                PolicyTestDirectories.withNewAgreementVersion("2027-02-01")));
        Instant later = T0.plus(Period.ofDays(400));
        assertThat(service(revised, later).status("erin", later)).isEqualTo(AcknowledgementStatus.OUTDATED);
        assertThat(service(bundled, later).status("erin", later)).isEqualTo(AcknowledgementStatus.EXPIRED);
    }

    @Test
    void theApplicationCannotChangeOrDeleteAnAcknowledgement() {
        signAll(service(bundled, T0), "alice");
        Jdbi app = db.app();
        assertThatThrownBy(() -> app.useHandle(h -> h.execute(
                "UPDATE acknowledgements SET expires_at = expires_at + interval '10 years' WHERE username = 'alice'")))
                .hasMessageContaining("permission denied");
        // The retention purge may delete an acknowledgement, but only three years after it lapsed (AP&P XVI §8).
        assertThatThrownBy(() -> app.useHandle(h -> h.execute("DELETE FROM acknowledgements WHERE username = 'alice'")))
                .hasMessageContaining("kept until 3 years after it lapsed");
        assertThatThrownBy(() -> db.superuser().useHandle(h -> h.execute(
                "DELETE FROM acknowledgements WHERE username = 'alice'")))
                .as("even the owner, without first disabling the trigger").hasMessageContaining("kept until 3 years");
    }

    @Test
    void aValidityThatIsNotAPositivePeriodStopsTheStart() {
        assertThatThrownBy(() -> new AcknowledgementService(db.app(), bundled, key, TRAIL, Clock.systemUTC(),
                Period.ZERO)).hasMessageContaining("acknowledgements.validity");
        assertThatThrownBy(() -> new AcknowledgementService(db.app(), bundled, key, TRAIL, Clock.systemUTC(),
                Period.ofYears(50))).hasMessageContaining("at most P5Y");
    }
}
