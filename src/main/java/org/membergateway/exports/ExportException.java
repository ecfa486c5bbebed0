package org.membergateway.exports;

import org.membergateway.http.ApiException;

/**
 * What a client cannot have of an export, with its stable code: 404 for an export (or extract)
 * the caller may not see, 410 once it is gone, 409 while it cannot be had yet or any more,
 * 403 for a vendor without an agreement in force. A denial by the policy is a
 * {@link org.membergateway.requests.RequestDeniedException}; an unusable recipient key an
 * {@link ExportKeyException}.
 */
public final class ExportException extends ApiException {

    /** How long a client should wait before it tries again (busy): seconds, for {@code Retry-After}. */
    static final int BUSY_RETRY_AFTER_SECONDS = 30;

    private final Integer retryAfterSeconds;

    private ExportException(int status, String error, String message) {
        this(status, error, message, null);
    }

    private ExportException(int status, String error, String message, Integer retryAfterSeconds) {
        super(status, error, null, message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    @Override
    public java.util.OptionalInt retryAfterSeconds() {
        return retryAfterSeconds == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(retryAfterSeconds);
    }

    public static ExportException notFound() {
        return new ExportException(404, "NOT_FOUND", "no such export");
    }

    public static ExportException gone(int maxDownloads) {
        return new ExportException(410, "EXPORT_GONE", "the export has expired, been destroyed or used its "
                + maxDownloads + " downloads; ask for a new export");
    }

    public static ExportException building() {
        return new ExportException(409, "EXPORT_BUILDING", "the export is still being built; its request shows the progress");
    }

    /** The gateway is building as many exports as it will at once; nothing was kept. */
    public static ExportException busy() {
        return new ExportException(503, "EXPORTS_BUSY", "the gateway is building as many exports as it can; nothing was "
                + "kept, try again in a few minutes", BUSY_RETRY_AFTER_SECONDS);
    }

    /**
     * 507: the export store has no room for this export within its quota ({@code exports.storeQuotaBytes});
     * the build stopped, nothing of it was kept. Room is made as live exports are downloaded for the
     * last time, expire or are destroyed.
     */
    public static ExportException storeFull() {
        return new ExportException(507, "EXPORT_STORE_FULL", "the export store has no room for this export within its"
                + " quota; nothing was kept. Try again once earlier exports have been downloaded or have expired, or ask"
                + " the operator to raise exports.storeQuotaBytes");
    }

    public static ExportException extractNotReady() {
        return new ExportException(409, "EXPORT_NOT_READY", "the union has not built this extract yet");
    }

    public static ExportException noRecipientKey(boolean vendorExtract) {
        return new ExportException(409, "NO_RECIPIENT_KEY", vendorExtract ? "the vendor's agreement has no usable key"
                : "register your OpenPGP public key first (PUT /api/v1/people/{username}/openpgp-key), or ask for PASSPHRASE");
    }

    /** The request's approval has been used for as many exports as it allows. */
    public static ExportException exportsUsed(int allowed) {
        return new ExportException(409, "EXPORTS_USED", "this request's approval allowed " + allowed + " export"
                + (allowed == 1 ? "" : "s") + ", already made; a list is released for one use (confidentiality §7, §8):"
                + " make a new request for another copy");
    }

    /** A vendor without an agreement in force pulls nothing (confidentiality §3). */
    public static ExportException agreementNotInForce(String message) {
        return new ExportException(403, "AGREEMENT_INVALID", message + " (confidentiality §3)");
    }
}
