package org.membergateway.retention;

import java.time.Period;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind of record the retention schedule covers ({@code policies/retention.yml}), with what
 * the gateway implements for it: the schedule must say the same, so the file cannot promise a
 * disposal the code does not do. {@code floor} is the shortest {@code keep} the file may set: the
 * AP&P's minimum, or the floor the database enforces (V19, V22).
 */
public enum RecordType {
    EXPORT_FILES("export-files", Status.HELD, Trigger.EXPIRED, Disposal.CRYPTO_SHRED, Period.ZERO),
    /** Before EXPORT_RECORDS: a seed references its export, and the purge goes in this order. */
    SEEDS("seeds", Status.HELD, Trigger.DESTROYED, Disposal.DELETE_ROW, Period.ZERO),
    EXPORT_RECORDS("export-records", Status.HELD, Trigger.DESTROYED, Disposal.DELETE_ROW, Period.ZERO),
    LIST_REQUEST_JUSTIFICATIONS("list-request-justifications", Status.HELD, Trigger.EXPIRED, Disposal.REDACT_TEXT,
            Period.ZERO),
    ACKNOWLEDGEMENTS("acknowledgements", Status.HELD, Trigger.EXPIRED, Disposal.DELETE_ROW, Period.ofYears(3)),
    VENDOR_ATTESTATIONS("vendor-attestations", Status.HELD, Trigger.RECORDED, Disposal.DELETE_ROW, Period.ofYears(5)),
    WEB_SESSIONS("web-sessions", Status.HELD, Trigger.EXPIRED, Disposal.DELETE_ROW, Period.ZERO),
    LOGIN_THROTTLE("login-throttle", Status.HELD, Trigger.LAST_ACTIVITY, Disposal.DELETE_ROW, Period.ZERO),
    /**
     * AP&P XVI §6(e): "maintained for a minimum of two years". Counted from the import, since the
     * gateway does not know election days yet (V22); the database enforces the two years itself.
     */
    VOTING_DATA("voting-data", Status.HELD, Trigger.IMPORTED, Disposal.DELETE_ROW, Period.ofYears(2)),
    /**
     * AP&P XVI §7(e): ballots, tally sheets, envelopes and related election material, one year; what
     * the gateway holds of it is the record of each election's mailings and list inspections (V27
     * holds the floor).
     */
    ELECTION_MATERIAL("election-material", Status.HELD, Trigger.ELECTION_DAY, Disposal.DELETE_ROW, Period.ofYears(1)),
    MEMBERS_WHO_HAVE_LEFT("members-who-have-left", Status.NOT_TRACKED, Trigger.LEFT_UNION, Disposal.DELETE_ROW,
            Period.ZERO);

    /** Whether the gateway holds, and disposes of, such records. */
    public enum Status { HELD, NOT_HELD, NOT_TRACKED }

    /** What starts a record's retention clock. */
    public enum Trigger { CREATED, EXPIRED, DESTROYED, RECORDED, LAST_ACTIVITY, IMPORTED, ELECTION_DAY, LEFT_UNION }

    /** What disposing of it means. */
    public enum Disposal { CRYPTO_SHRED, DELETE_ROW, REDACT_TEXT }

    private final String key;
    private final Status status;
    private final Trigger trigger;
    private final Disposal disposal;
    private final Period floor;

    RecordType(String key, Status status, Trigger trigger, Disposal disposal, Period floor) {
        this.key = key;
        this.status = status;
        this.trigger = trigger;
        this.disposal = disposal;
        this.floor = floor;
    }

    /** The name in the schedule, the purge report and the audit trail, e.g. {@code export-files}. */
    public String key() {
        return key;
    }

    public Status status() {
        return status;
    }

    public Trigger trigger() {
        return trigger;
    }

    public Disposal disposal() {
        return disposal;
    }

    public Period floor() {
        return floor;
    }

    public static Optional<RecordType> byKey(String key) {
        return Arrays.stream(values()).filter(t -> t.key.equals(key)).findFirst();
    }
}
