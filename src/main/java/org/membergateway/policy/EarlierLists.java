package org.membergateway.policy;

import java.time.Instant;

/**
 * How many rows a requester's earlier lists for a purpose came to within the row-cap window: the
 * fact that makes a purpose's {@code rowCap} cumulative (confidentiality §9), so that a large list
 * asked for local by local still reaches the large-list approvers. Declared here and answered by
 * the requests capability, which owns list requests and their exports.
 */
@FunctionalInterface
public interface EarlierLists {

    /** Nothing earlier: for tools and tests that decide one request alone. */
    EarlierLists NONE = (username, purpose, since, excluding) -> 0;

    /**
     * @param since the start of the window
     * @param excludingRequest the request being decided again (its own rows are not "earlier"); null for a new one
     * @return the rows released (exported) to {@code username} for {@code purpose} since then
     */
    long rows(String username, Purpose purpose, Instant since, Long excludingRequest);
}
