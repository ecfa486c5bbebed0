package org.membergateway.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import org.membergateway.auth.RoleNames;
import org.membergateway.http.Page;
import org.membergateway.requests.RequestExports.ExportSummary;
import org.membergateway.vendors.VendorOverview;

/**
 * {@code /vendors}: the vendors, their agreements' terms, their extracts and the destruction
 * attestations that are due, for the union's staff and administrators, and for auditors, who may
 * read the same through the API. Changing an agreement stays with the API (ADMIN).
 */
@Path("/vendors")
@Page
@Produces(MediaType.TEXT_HTML)
public final class VendorPages {

    private final Pages pages;
    private final VendorOverview overview;

    public VendorPages(Pages pages, VendorOverview overview) {
        this.pages = pages;
        this.overview = overview;
    }

    public static final class View extends PageView {
        private final VendorOverview.Overview overview;

        View(PageContext page, VendorOverview.Overview overview) {
            super("vendors/vendors.ftlh", page, page.messages().get("vendors.title"));
            this.overview = overview;
        }

        public VendorOverview.Overview getOverview() {
            return overview;
        }

        public String day(LocalDate day) {
            return day == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM)
                    .withLocale(getPage().language().locale()).format(day);
        }

        public String time(OffsetDateTime at) {
            return getPage().dateTime(at);
        }

        /** A fingerprint in groups of four, as GnuPG prints it, so it can be read out and compared. */
        public String fingerprint(String hex) {
            if (hex == null) {
                return "";
            }
            StringBuilder grouped = new StringBuilder();
            for (int i = 0; i < hex.length(); i += 4) {
                grouped.append(i == 0 ? "" : " ").append(hex, i, Math.min(hex.length(), i + 4));
            }
            return grouped.toString();
        }

        /** Whole days since the approval, for "overdue since". */
        public long daysSince(OffsetDateTime at) {
            return Math.max(0, Duration.between(at, overview.asOf()).toDays());
        }

        /** The exports that can still be downloaded. */
        public long ready(List<ExportSummary> exports) {
            return exports.stream().filter(e -> "READY".equals(e.status())).count();
        }
    }

    @GET
    @RolesAllowed({RoleNames.STAFF, RoleNames.ADMIN, RoleNames.AUDITOR})
    public View vendors(@Context ContainerRequestContext request) {
        PageContext page = pages.context(request);
        return new View(page, overview.overview(page.requester()));
    }
}
