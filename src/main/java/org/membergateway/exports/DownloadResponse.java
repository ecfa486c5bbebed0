package org.membergateway.exports;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** The HTTP answer for a claimed download, for people and vendors alike: the message, streamed from the store. */
final class DownloadResponse {

    static final String PGP_ENCRYPTED = "application/pgp-encrypted";

    private DownloadResponse() {
    }

    static Response of(ExportDownloads downloads, ExportDownloads.Download download) {
        StreamingOutput body = out -> downloads.stream(download, out);
        return Response.ok(body, PGP_ENCRYPTED)
                .header("Content-Disposition", "attachment; filename=\"export-" + download.id() + ".csv.gpg\"")
                .header("Content-Length", download.bytes())
                .build();
    }
}
