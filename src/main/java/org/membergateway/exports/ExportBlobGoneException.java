package org.membergateway.exports;

/** The blob was destroyed (its data key deleted): nothing can read it any more (HTTP 410). */
public class ExportBlobGoneException extends ExportStoreException {

    public ExportBlobGoneException(long blobId) {
        super("export blob " + blobId + " has been destroyed; its contents can no longer be read");
    }
}
