package org.membergateway.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.auth.Requester;
import org.membergateway.policy.Decision;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.ListRequestAccess;
import org.membergateway.requests.RequestExports.ExportSummary;
import org.membergateway.requests.RequestStatus;

/**
 * {@code /requests/{id}}: one request, its decision, its approval, and its exports. Its requester
 * builds and downloads exports here; one of its approvers decides it here; while an export is being
 * built the page shows how far it has got and, with script, keeps itself up to date.
 */
public final class RequestPage extends RequestPageView {

    /** One export of the request, as its requester sees it. */
    public record ShownExport(String id, String status, String statusName, String tag, boolean building,
                              boolean downloadable, String rowsWritten, String rows, String encryption, String sha256,
                              String createdAt, String expiresAt, int downloadsLeft, String progress) {
    }

    private final ShownRequest request;
    private final List<ShownExport> exports;
    private final boolean mayExport;
    private final boolean mayApprove;
    private final boolean mine;
    private final String keyFingerprint;
    private final ShownDecision refusal;
    private final Long auditSeq;
    private final String chosenEncryption;
    private final ShownDestruction destruction;
    private final boolean mayAttest;
    private final Uses uses;

    /**
     * What is left of the approval: how many more exports or paper copies it allows
     * ({@code exports.exportsPerApproval}, both counted together), whether the request may be
     * printed (voting data), and whether its paper copy was opened (its pages may be seen again).
     */
    record Uses(int left, boolean printable, boolean paperCopyOpened) {
    }

    /** The requester's statement that the exported list was destroyed (confidentiality §7, §8). */
    public record ShownDestruction(String destroyedOn, String method, String recordedAt) {
    }

    /**
     * @param keyFingerprint the viewer's registered OpenPGP key, null if none
     * @param refusal today's policy refused the export just asked for (nothing built); null otherwise
     */
    RequestPage(PageContext page, ListRequest request, List<ExportSummary> exports, OffsetDateTime now,
                String keyFingerprint, List<FormError> errors, Decision refusal, Long auditSeq, String chosenEncryption,
                org.membergateway.requests.DestructionAttestation destruction, Uses uses) {
        super("request.ftlh", page, page.messages().get("requests.request.title", request.id()), errors);
        Requester me = page.requester();
        this.request = shown(request, now);
        this.mine = ListRequestAccess.mayExport(me, request);
        this.mayExport = mine && request.exportableAt(now);
        this.uses = uses;
        this.mayApprove = ListRequestAccess.mayApprove(me, request) && request.statusAt(now) == RequestStatus.PENDING_APPROVAL;
        this.keyFingerprint = keyFingerprint;
        this.refusal = refusal == null ? null : shown(refusal);
        this.auditSeq = auditSeq;
        this.chosenEncryption = chosenEncryption == null ? "" : chosenEncryption;
        boolean vendor = request.isVendorExtract();
        this.destruction = destruction == null ? null : new ShownDestruction(destruction.destroyedOn().toString(),
                destruction.method(), page.dateTime(destruction.recordedAt()));
        // A list that left (any export not failed) is the requester's to attest destroyed; a vendor attests its own.
        this.mayAttest = mine && !vendor && destruction == null
                && (uses.paperCopyOpened() || exports.stream().anyMatch(e -> !"FAILED".equals(e.status())));
        this.exports = exports.stream().map(e -> {
            // Ready but past its expiry or its downloads: gone for the reader, though the sweep has not destroyed it yet.
            boolean live = "READY".equals(e.status()) && now.isBefore(e.expiresAt()) && e.downloadsLeft() > 0;
            String status = "READY".equals(e.status()) && !live ? "USED" : e.status();
            // A vendor extract is fetched by the vendor with its key, never downloaded here.
            String name = t("requests.export.status." + (vendor && "READY".equals(status) ? "READY_FOR_VENDOR" : status));
            return new ShownExport(e.id(), status, name, tag(status),
                    "BUILDING".equals(status), live && mine && !vendor,
                    page.number(e.rowsWritten()), e.rows() == null ? "" : page.number(e.rows()),
                    t("requests.export.encryption." + e.encryption()), e.sha256(), page.dateTime(e.createdAt()),
                    page.dateTime(e.expiresAt()), Math.max(0, e.downloadsLeft()),
                    t("requests.exports.progress", page.number(e.rowsWritten()), page.number(rate(e, now))));
        }).toList();
    }

    /** People written per second since the build started: how fast it goes, so how long is left. */
    private static long rate(ExportSummary export, OffsetDateTime now) {
        long millis = java.time.Duration.between(export.createdAt(), now).toMillis();
        return millis < 1000 ? export.rowsWritten() : Math.round(export.rowsWritten() * 1000.0 / millis);
    }

    public ShownRequest getRequest() {
        return request;
    }

    public List<ShownExport> getExports() {
        return exports;
    }

    public boolean isBuilding() {
        return exports.stream().anyMatch(ShownExport::building);
    }

    /** The viewer asked for it. */
    public boolean isMine() {
        return mine;
    }

    public boolean isMayExport() {
        return mayExport;
    }

    /** Exports or paper copies the approval still allows. */
    public int getUsesLeft() {
        return uses.left();
    }

    /** The requester may choose paper: an approved voting-data request of theirs. */
    public boolean isPrintable() {
        return mayExport && uses.printable();
    }

    /** The paper copy is open and the approval valid: its pages may be viewed again. */
    public boolean isPaperCopyViewable() {
        return mayExport && uses.paperCopyOpened();
    }

    public ShownDestruction getDestruction() {
        return destruction;
    }

    public boolean isMayAttest() {
        return mayAttest;
    }

    public boolean isMayApprove() {
        return mayApprove;
    }

    public String getKeyFingerprint() {
        return keyFingerprint;
    }

    public ShownDecision getRefusal() {
        return refusal;
    }

    public Long getAuditSeq() {
        return auditSeq;
    }

    public String getChosenEncryption() {
        return chosenEncryption;
    }

    public int getMaxNote() {
        return org.membergateway.requests.ListRequestService.MAX_NOTE;
    }
}
