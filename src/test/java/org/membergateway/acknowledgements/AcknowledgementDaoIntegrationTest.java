package org.membergateway.acknowledgements;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.membergateway.testing.TestDatabases;

/** Acknowledgement rows against a real PostgreSQL, as the application role (insert and read only). */
class AcknowledgementDaoIntegrationTest {

    private static final String SHA = "a".repeat(64);
    private static final String FINGERPRINT = "ABCDEF0123456789ABCDEF0123456789ABCDEF01";
    private static final Instant T0 = Instant.parse("2026-03-02T10:15:30Z");

    private static TestDatabases.SplitRoles database;
    private static AcknowledgementDao dao;

    @BeforeAll
    static void open() {
        database = TestDatabases.openFreshWithAppRole();
        Jdbi jdbi = database.app();
        dao = jdbi.onDemand(AcknowledgementDao.class);
    }

    @AfterAll
    static void close() {
        database.close();
    }

    private static AcknowledgementDao.Row online(String username, String document, String version, Instant signedAt,
                                                 Instant expiresAt) {
        return new AcknowledgementDao.Row(UUID.randomUUID(), username, document, version, "en", SHA, "ONLINE",
                "Ana Reyes", null, null, signedAt, expiresAt, username, "203.0.113.9", "curl/8", "receipt text",
                "signature text", FINGERPRINT);
    }

    @Test
    void aRowReadsBackAsItWasWrittenNewestFirstAndLimited() {
        AcknowledgementDao.Row older = online("ana", "confidentiality", "2026-01", T0, T0.plusSeconds(86_400));
        AcknowledgementDao.Row paper = new AcknowledgementDao.Row(UUID.randomUUID(), "ana", "confidentiality", "2026-01",
                "es", SHA, "PAPER", null, LocalDate.of(2026, 3, 3), "Staff Witness", T0.plusSeconds(3_600),
                T0.plusSeconds(90_000), "staff-1", null, null, "paper receipt", "paper signature", FINGERPRINT);
        dao.insert(older);
        dao.insert(paper);
        dao.insert(online("ben", "confidentiality", "2026-01", T0, T0.plusSeconds(86_400)));

        assertThat(dao.list("ana", 10)).containsExactly(paper, older);
        assertThat(dao.list("ana", 1)).containsExactly(paper);
        assertThat(dao.list("nobody", 10)).isEmpty();
        assertThat(paper.view().signedOn()).isEqualTo(LocalDate.of(2026, 3, 3));
        assertThat(older.toString()).doesNotContain("Ana Reyes").doesNotContain("203.0.113.9");
    }

    @Test
    void latestExpiriesTakeTheLatestOfEachVersionSignedByThen() {
        dao.insert(online("cy", "confidentiality", "2026-01", T0, T0.plusSeconds(100)));
        dao.insert(online("cy", "confidentiality", "2026-01", T0.plusSeconds(10), T0.plusSeconds(500)));
        dao.insert(online("cy", "confidentiality", "2025-01", T0, T0.plusSeconds(50)));
        dao.insert(online("cy", "data-handling", "1", T0.plusSeconds(60), T0.plusSeconds(900)));

        assertThat(dao.latestExpiries("cy", T0.plusSeconds(30))).containsExactlyInAnyOrder(
                new AcknowledgementDao.LatestExpiry("confidentiality", "2026-01", T0.plusSeconds(500)),
                new AcknowledgementDao.LatestExpiry("confidentiality", "2025-01", T0.plusSeconds(50)));
        assertThat(dao.latestExpiries("cy", T0.plusSeconds(5))).as("signed after then: not counted")
                .containsExactlyInAnyOrder(
                        new AcknowledgementDao.LatestExpiry("confidentiality", "2026-01", T0.plusSeconds(100)),
                        new AcknowledgementDao.LatestExpiry("confidentiality", "2025-01", T0.plusSeconds(50)));
        assertThat(dao.latestExpiries("cy", T0.plusSeconds(60))).hasSize(3);
    }
}
