package org.membergateway.vendors;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.requests.RequestExports;
import org.membergateway.requests.RequestExports.ExportSummary;
import org.membergateway.requests.RequestStatus;

/**
 * Everything the union's staff follow about vendors on one page: each vendor with its current
 * agreement, its extracts with the exports built for them, and the destruction attestations that
 * are overdue. No API key, digest or key block appears; extracts carry no member data, only their
 * status and counts.
 */
public final class VendorOverview {

    /** Most extracts listed (newest first). */
    public static final int MAX_EXTRACTS = 100;

    /**
     * One extract.
     *
     * @param status where it stands now (a pending extract nobody decided in time has expired)
     * @param exports the exports built for it, oldest first
     */
    public record Extract(long id, long agreementId, String requester, RequestStatus status, OffsetDateTime createdAt,
                         boolean attested, List<ExportSummary> exports) {
        public Extract {
            exports = List.copyOf(exports);
        }
    }

    /** A vendor, its current (or latest) agreement if any, and its extracts. */
    public record Vendor(VendorView vendor, AgreementView agreement, List<Extract> extracts) {
        public Vendor {
            extracts = List.copyOf(extracts);
        }
    }

    /**
     * @param overdue approved extracts whose attestation is overdue; null when the reader may not see
     *     them (as {@code GET /vendors/attestations/overdue}: STAFF and AUDITOR)
     * @param asOf when the overview was made
     */
    public record Overview(List<Vendor> vendors, List<OverdueExtract> overdue, long dueAfterDays, OffsetDateTime asOf) {
    }

    private final Jdbi jdbi;
    private final VendorService vendors;
    private final RequestExports exports;
    private final Clock clock;

    public VendorOverview(Jdbi jdbi, VendorService vendors, RequestExports exports, Clock clock) {
        this.jdbi = jdbi;
        this.vendors = vendors;
        this.exports = exports;
        this.clock = clock;
    }

    /** The overview as {@code reader} may see it (ADMIN, STAFF or AUDITOR; the resource checks the role). */
    public Overview overview(Requester reader) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        Map<Long, List<Extract>> byVendor = new LinkedHashMap<>();
        for (VendorDao.ExtractRow row : jdbi.withExtension(VendorDao.class, dao -> dao.extracts(MAX_EXTRACTS))) {
            // As ListRequest.statusAt: a pending request past its time has expired, swept or not.
            RequestStatus status = row.status() == RequestStatus.PENDING_APPROVAL && now.isAfter(row.expiresAt())
                    ? RequestStatus.EXPIRED : row.status();
            byVendor.computeIfAbsent(row.vendorId(), v -> new java.util.ArrayList<>()).add(new Extract(row.id(),
                    row.agreementId(), row.requester(), status, row.createdAt(), row.attested(), exports.of(row.id())));
        }
        List<Vendor> listed = vendors.list().stream()
                .map(v -> new Vendor(v, v.agreements().isEmpty() ? null : v.agreements().get(0),
                        byVendor.getOrDefault(v.id(), List.of())))
                .toList();
        boolean followsAttestations = reader.hasRole(Role.STAFF) || reader.hasRole(Role.AUDITOR);
        return new Overview(listed, followsAttestations ? vendors.overdue() : null, vendors.attestationDueAfterDays(),
                now);
    }
}
