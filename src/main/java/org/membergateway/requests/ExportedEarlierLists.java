package org.membergateway.requests;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jdbi.v3.core.Jdbi;
import org.membergateway.policy.EarlierLists;
import org.membergateway.policy.Purpose;

/**
 * The policy's {@link EarlierLists}: what a requester's other requests for a purpose have released,
 * counted from their exports. Counting exports rather than approvals means an approved list counts
 * once it leaves, and an approval that is never used does not hold anybody back; its own export is
 * decided again ({@link ListRequestService#redecide}) and counts everything released before it.
 */
public final class ExportedEarlierLists implements EarlierLists {

    private final Jdbi jdbi;

    public ExportedEarlierLists(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public long rows(String username, Purpose purpose, Instant since, Long excludingRequest) {
        return jdbi.withExtension(ListRequestDao.class, dao -> dao.exportedRowsSince(username, purpose,
                OffsetDateTime.ofInstant(since, ZoneOffset.UTC), excludingRequest));
    }
}
