package org.membergateway.exports;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;
import org.membergateway.audit.AuditEvent;
import org.membergateway.audit.AuditEventType;
import org.membergateway.audit.AuditTrail;
import org.membergateway.auth.Requester;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.members.MemberSelection;
import org.membergateway.members.MemberSelectionDao;
import org.membergateway.policy.AccessRequest;
import org.membergateway.policy.Policy;
import org.membergateway.policy.Purpose;
import org.membergateway.requests.ListRequest;
import org.membergateway.requests.ListRequestException;
import org.membergateway.requests.ListRequestService;

/**
 * The paper copy of an approved request (README, "Voting data on paper"): the rows its approval
 * allows, exactly its fields, shown as printable pages instead of an encrypted file. Only voting data
 * prints (policies/README.md, "Voting data"): it is a record of an election, not a contact list,
 * while the outreach lists of confidentiality §7, §8 are "not to be retained", which an encrypted
 * file that expires and is crypto-shredded honours and a sheet of paper does not.
 *
 * <p>Opening the paper copy is one use of the approval, counted with the exports against
 * {@code exports.exportsPerApproval} ({@link ExportDao#usedExports}), so an approval never gives a
 * CSV and unlimited printouts. Its pages may be viewed again (a jammed printer) while the approval
 * is valid; each view is decided again under today's policy, read through the same
 * {@link MemberSelection} the export copies, and recorded in the trail as a release (page number,
 * row count; no value) before the page is returned.
 */
public final class PaperCopies {

    /** Rows on one printed page of the list: a few sheets each, and a bounded read. */
    public static final int ROWS_PER_PAGE = 500;
    /** The purposes a paper copy may be made for. */
    static final Set<Purpose> PRINTABLE = EnumSet.of(Purpose.VOTING_DATA);

    private final Jdbi jdbi;
    private final ListRequestService requests;
    private final Policy policy;
    private final MemberSelectionDao members;
    private final AuditTrail audit;
    private final ExportsConfiguration config;
    private final Clock clock;

    public PaperCopies(Jdbi jdbi, ListRequestService requests, Policy policy, MemberSelectionDao members, AuditTrail audit,
                       ExportsConfiguration config, Clock clock) {
        this.jdbi = jdbi;
        this.requests = requests;
        this.policy = policy;
        this.members = members;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Whether the request's purpose may be printed (never a vendor extract). */
    public static boolean printable(ListRequest request) {
        return !request.isVendorExtract() && PRINTABLE.contains(request.request().purpose());
    }

    /** How many more exports or paper copies the request's approval allows. */
    public int usesLeft(long requestId) {
        return Math.max(0, config.getExportsPerApproval()
                - jdbi.withExtension(ExportDao.class, exports -> exports.usedExports(requestId)));
    }

    /** The request's paper copy, if one was opened. */
    public Optional<PaperCopyDao.PaperCopy> of(long requestId) {
        return jdbi.withExtension(PaperCopyDao.class, copies -> copies.of(requestId));
    }

    /**
     * Opens the caller's paper copy of their approved request, using one use of its approval; the
     * copy already opened if there is one (viewing it again uses nothing).
     *
     * @throws ListRequestException 404 unless it is the caller's, 409 unless approved and valid,
     *     403 PAPER_NOT_PERMITTED for a purpose that does not print (audited)
     * @throws ExportException 409 EXPORTS_USED once the approval's uses are used (audited)
     */
    public PaperCopyDao.PaperCopy open(Requester caller, long requestId) {
        ListRequest request = printableRequest(caller, requestId);
        requests.redecide(caller, request, null);
        return jdbi.inTransaction(h -> {
            ExportDao exports = h.attach(ExportDao.class);
            // Under the request's row lock, as an export is counted: a CSV and a paper copy started at
            // once cannot both be the first.
            exports.lockRequest(requestId);
            PaperCopyDao copies = h.attach(PaperCopyDao.class);
            Optional<PaperCopyDao.PaperCopy> opened = copies.of(requestId);
            if (opened.isPresent()) {
                return opened.get();
            }
            if (exports.usedExports(requestId) >= config.getExportsPerApproval()) {
                audit.record(AuditEvent.of(AuditEventType.ACCESS_REFUSED, caller.actor(), "list-request:" + requestId + ":print")
                        .withDecision("DENIED").withReasons(List.of("EXPORTS_USED")));
                throw ExportException.exportsUsed(config.getExportsPerApproval());
            }
            UUID id = UUID.randomUUID();
            copies.insert(id, requestId, caller.username());
            audit.record(AuditEvent.of(AuditEventType.DECISION, caller.actor(), "list-request:" + requestId + ":paper-copy:" + id)
                    .withDecision("PAPER_COPY_OPENED").withPolicyVersion(policy.version()));
            return copies.of(requestId).orElseThrow();
        });
    }

    /** One page of a paper copy: the request's fields, the rows of this page, where it is among the pages. */
    public record PrintedPage(UUID copyId, ListRequest request, List<String> fields, List<List<String>> rows, int page,
                              int pages, long totalRows, OffsetDateTime printedAt) {
        @Override
        public String toString() {
            return "PrintedPage[" + copyId + ", page " + page + " of " + pages + ", " + rows.size() + " rows REDACTED]";
        }
    }

    /**
     * Page {@code page} (from 1) of the caller's paper copy, once its view is in the trail.
     *
     * @throws ListRequestException 404 unless it is the caller's, 409 unless approved and valid or
     *     before the copy was opened (PAPER_COPY_NOT_OPENED), 403 for a purpose that does not print
     * @throws InvalidParameterException for a page that is not one of the copy's
     */
    public PrintedPage page(Requester caller, long requestId, int page) {
        ListRequest request = printableRequest(caller, requestId);
        PaperCopyDao.PaperCopy copy = of(requestId).orElseThrow(() -> ListRequestException.conflict("PAPER_COPY_NOT_OPENED",
                "no paper copy of request " + requestId + " was opened; open it from the request's page (one use of its"
                        + " approval)"));
        // The approval does not outlive the requester's role, scope or acknowledgement: decided again per page.
        requests.redecide(caller, request, null);
        AccessRequest access = request.request();
        MemberSelection selection = MemberSelection.of(access, policy.purposes().get(access.purpose()).rows());
        List<String> fields = access.fields();
        OffsetDateTime now = OffsetDateTime.now(clock);
        // The count and the page read one snapshot, so the page numbers agree with the rows shown.
        return jdbi.inTransaction(TransactionIsolationLevel.REPEATABLE_READ, h -> {
            long total = members.count(access, selection.rows());
            int pages = (int) Math.max(1, (total + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE);
            if (page < 1 || page > pages) {
                throw new InvalidParameterException("page", "page: 1 to " + pages);
            }
            List<List<String>> rows = members.read(selection, fields, (long) (page - 1) * ROWS_PER_PAGE, ROWS_PER_PAGE);
            // Recorded before the page is rendered: no entry, no page.
            audit.record(AuditEvent.of(AuditEventType.DATA_RELEASE, caller.actor(),
                    "list-request:" + requestId + ":paper-copy:" + copy.id() + ":page:" + page + "/" + pages)
                    .withDecision("PRINTED").withRows(rows.size()).withPolicyVersion(policy.version()));
            return new PrintedPage(copy.id(), request, fields, rows, page, pages, total, now);
        });
    }

    private ListRequest printableRequest(Requester caller, long requestId) {
        ListRequest request = requests.approvedForExport(caller, requestId);
        if (!printable(request)) {
            audit.record(AuditEvent.of(AuditEventType.ACCESS_REFUSED, caller.actor(), "list-request:" + requestId + ":print")
                    .withDecision("DENIED").withReasons(List.of("PAPER_NOT_PERMITTED")));
            throw ListRequestException.forbidden("PAPER_NOT_PERMITTED", "only voting data is released on paper;"
                    + " an outreach list is not to be retained (confidentiality §7, §8): build an encrypted file instead");
        }
        return request;
    }
}
