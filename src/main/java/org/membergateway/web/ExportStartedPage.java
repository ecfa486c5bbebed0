package org.membergateway.web;

import java.util.List;

/**
 * The answer to building an export under a one-time passphrase: the passphrase, shown this once
 * (the gateway keeps only what it needs to encrypt with, until the export is built), and the way
 * back to the request, where the export's progress and download are.
 */
public final class ExportStartedPage extends PageView {

    private final long requestId;
    private final String passphrase;

    ExportStartedPage(PageContext page, long requestId, String passphrase) {
        super("export-started.ftlh", page, page.messages().get("requests.passphrase.title"), List.of());
        this.requestId = requestId;
        this.passphrase = passphrase;
    }

    public long getRequestId() {
        return requestId;
    }

    public String getPassphrase() {
        return passphrase;
    }

    @Override
    public String toString() {
        return "ExportStartedPage[request " + requestId + ", passphrase REDACTED]";
    }
}
