package org.membergateway.web;

import java.time.OffsetDateTime;
import java.util.List;
import org.membergateway.requests.ListRequest;

/** {@code /requests}: the person's own requests, newest first, and how many wait for their approval. */
public final class RequestsPage extends RequestPageView {

    private final List<ShownRequest> mine;
    private final int awaitingMe;

    RequestsPage(PageContext page, List<ListRequest> mine, int awaitingMe, OffsetDateTime now) {
        super("requests.ftlh", page, page.messages().get("requests.title"), List.of());
        this.mine = mine.stream().map(r -> shown(r, now)).toList();
        this.awaitingMe = awaitingMe;
    }

    public List<ShownRequest> getMine() {
        return mine;
    }

    public int getAwaitingMe() {
        return awaitingMe;
    }
}
