package org.membergateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.views.common.View;
import io.dropwizard.views.freemarker.FreemarkerViewRenderer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.membergateway.audit.AuditEntry;
import org.membergateway.audit.AuditFlags;
import org.membergateway.audit.AuditIntegrity;
import org.membergateway.audit.AuditReleases;
import org.membergateway.audit.AuditStore.StoredCheckpoint;
import org.membergateway.audit.AuditVerification;
import org.membergateway.audit.Sha256Hash;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.vendors.VendorOverview;
import org.membergateway.vendors.VendorView;

/**
 * The audit and vendor templates in the states a running gateway rarely shows: a trail found
 * tampered with, nothing verified or signed yet, no releases, no flags, a vendor without an
 * agreement. Each renders without a template error, in English and Vietnamese, saying so in words.
 */
class AuditViewsRenderTest {

    static final ZoneId ZONE = ZoneId.of("America/Los_Angeles");
    static final FreemarkerViewRenderer RENDERER = new FreemarkerViewRenderer(freemarker.template.Configuration.VERSION_2_3_34);
    static final Requester AUDITOR = Requester.person("auditor8", "Auditor Eight", Set.of(Role.AUDITOR), Set.of(), Set.of(),
            Set.of(), null);

    static PageContext page(Language language, String path) {
        return new PageContext(Messages.of(language), AUDITOR, "token", path, "", "/assets/test", ZONE);
    }

    static String render(View view) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            RENDERER.render(view, Locale.ENGLISH, out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        String html = out.toString(StandardCharsets.UTF_8);
        assertThat(html).doesNotContain("??").doesNotContain("template error").doesNotContain("style=\"").endsWith("</html>\n");
        return html;
    }

    static AuditEntry entry(long seq, String action, String decision, List<String> reasons, Long rows) {
        return new AuditEntry(seq, Instant.parse("2026-11-03T10:15:30Z"), "auditor8", action, "audit-trail", decision, reasons,
                null, rows, null, Sha256Hash.ZERO, Sha256Hash.ZERO);
    }

    @Test
    void aTrailFoundTamperedWithSaysWhereAndWhat() {
        AuditEntry last = entry(101, "AUDIT_VERIFICATION", "INVALID", List.of("ENTRY_MODIFIED"), 100L);
        AuditVerification details = new AuditVerification(false, 100, null, 1, 50L, 42L,
                AuditVerification.Problem.ENTRY_MODIFIED, "entry 42 does not hash to its stored hash");
        AuditIntegrity.Status status = new AuditIntegrity.Status(Optional.of(last), Optional.of(details), Optional.empty(),
                "member-gateway/audit+51f0d8b6+AXm1Vi6P5lT5QHixEuipi6eQH4U65pW+1+DjkQutBJZk", 101);
        String en = render(new AuditViews.IntegrityView(page(Language.EN, "/audit/integrity"), status, true, "http://gw"));
        assertThat(en).contains("Not valid").contains("The trail is not as it was written")
                .contains("An entry was changed after it was written").contains("id=\"first-invalid-seq\">42<")
                .contains("No checkpoint has been signed yet").contains("curl -sS http://gw/api/v1/audit/checkpoint");
        String vi = render(new AuditViews.IntegrityView(page(Language.VI, "/audit/integrity"), status, true, "http://gw"));
        assertThat(vi).contains("Không hợp lệ").contains("Một mục đã bị sửa sau khi ghi");

        AuditIntegrity.Status elsewhere = new AuditIntegrity.Status(Optional.of(last), Optional.empty(), Optional.empty(),
                status.verifierKey(), 101);
        assertThat(render(new AuditViews.IntegrityView(page(Language.EN, "/audit/integrity"), elsewhere, false, "http://gw")))
                .as("verified on another instance: the entry says what, not where")
                .contains("Verify the trail again to see which entry").doesNotContain("first-invalid-seq");
    }

    @Test
    void nothingVerifiedNothingSignedNothingReleasedNothingFlagged() {
        StoredCheckpoint checkpoint = new StoredCheckpoint(3, Sha256Hash.ZERO, new byte[0],
                "member-gateway/audit\n3\nAAAA\n\n— member-gateway/audit AAAA\n");
        AuditIntegrity.Status never = new AuditIntegrity.Status(Optional.empty(), Optional.empty(), Optional.of(checkpoint),
                "key", 3);
        for (Language language : List.of(Language.EN, Language.VI)) {
            String integrity = render(new AuditViews.IntegrityView(page(language, "/audit/integrity"), never, false, "http://gw"));
            assertThat(integrity).contains("id=\"checkpoint-note\"");
            String search = render(new AuditViews.SearchView(page(language, "/audit"), List.of(),
                    AuditForms.Search.of("nobody", null, null, null, null, null, null), List.of(), null, null, null, never,
                    "2026-11-01", "2026-11-30"));
            assertThat(search).contains("value=\"nobody\"");

            List<AuditReleases.Day> days = new ArrayList<>();
            for (int i = 29; i >= 0; i--) {
                days.add(new AuditReleases.Day(LocalDate.of(2026, 11, 30).minusDays(i), 0, 0, 0));
            }
            String releases = render(new AuditViews.ReleasesView(page(language, "/audit/releases"), List.of(), days,
                    "2026-11-01", "2026-11-30", LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 30), List.of()));
            assertThat(releases).contains("<svg class=\"mg-chart\"").contains("id=\"per-day-table\"")
                    .doesNotContain("id=\"per-requester-table\"");

            AuditFlags.Flags none = new AuditFlags.Flags(Instant.parse("2026-11-30T20:00:00Z"),
                    Instant.parse("2026-10-31T20:00:00Z"), Instant.parse("2026-11-23T20:00:00Z"),
                    AuditFlags.Thresholds.DEFAULT, ZONE, List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
            String flags = render(new AuditViews.FlagsView(page(language, "/audit/flags"), none));
            assertThat(flags).doesNotContain("govuk-summary-card\"");
            if (language == Language.EN) {
                assertThat(integrity).contains("Nobody has verified the trail yet");
                assertThat(search).contains("No entries match this search");
                assertThat(releases).contains("No member data was released in these 30 days")
                        .contains("No member data was released from");
                assertThat(flags).contains("Nothing stands out at the moment.").containsPattern("(?s)(Nothing stands out\\..*){4}");
            }
        }
    }

    @Test
    void aVendorWithoutAnAgreementOrExtracts() {
        VendorView vendor = new VendorView(7, "Empty Vendor", false, OffsetDateTime.parse("2026-11-01T10:00:00Z"), null,
                OffsetDateTime.parse("2026-11-01T10:00:00Z"), List.of());
        VendorOverview.Overview overview = new VendorOverview.Overview(
                List.of(new VendorOverview.Vendor(vendor, null, List.of())), List.of(), 30,
                OffsetDateTime.parse("2026-11-30T10:00:00Z"));
        for (Language language : List.of(Language.EN, Language.VI)) {
            String html = render(new VendorPages.View(page(language, "/vendors"), overview));
            assertThat(html).contains("id=\"vendor-7\"").contains("id=\"attestations-due\"");
        }
        String en = render(new VendorPages.View(page(Language.EN, "/vendors"), overview));
        assertThat(en).contains("This vendor has no agreement").contains("No attestation is overdue")
                .contains("Key withdrawn").contains("No extract has been requested");
        VendorOverview.Overview forAdmin = new VendorOverview.Overview(List.of(), null, 30,
                OffsetDateTime.parse("2026-11-30T10:00:00Z"));
        assertThat(render(new VendorPages.View(page(Language.EN, "/vendors"), forAdmin)))
                .contains("The union has no vendors yet").doesNotContain("attestations-due");
    }
}
