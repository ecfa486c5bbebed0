package org.membergateway.exports;

/** Why an export was destroyed, as recorded on it and in the audit trail. */
public enum DestroyReason {
    /** Its lifetime ended. */
    EXPIRED,
    /** Its last allowed download was served. */
    DOWNLOAD_LIMIT
}
