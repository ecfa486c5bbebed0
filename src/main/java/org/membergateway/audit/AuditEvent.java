package org.membergateway.audit;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a caller asks the trail to record; the trail adds {@code seq}, {@code at} and the hashes.
 * Build one with {@link #of} and the {@code with...} methods:
 *
 * <pre>{@code
 * audit.record(AuditEvent.of(AuditEventType.DECISION, "lpresident83", "list-request:42")
 *         .withDecision("DENIED").withReasons(List.of("OUT_OF_SCOPE")).withPolicyVersion(version));
 * }</pre>
 *
 * <p>Values are validated here so that a bad one fails at the caller, not in the writer's batch
 * where it would fail everyone else's entries too. No member PII (see {@link AuditTrail}).
 *
 * @param type what happened; its name is the entry's {@code action}
 * @param actor who did it: a username, {@code vendor:<id>}, or {@code system}
 * @param target what it was done to, e.g. {@code list-request:42}; optional
 * @param decision the outcome as an upper-case token, e.g. APPROVED, DENIED, VALID; optional
 * @param reasons rule ids that explain the decision (README, List requests and exports); never null, may be empty
 * @param policyVersion the policy version the decision was made under; optional
 * @param rows member rows involved (imported, released); optional
 * @param exportDigest SHA-256 of the released export, lower-case hex; optional
 */
public record AuditEvent(AuditEventType type, String actor, String target, String decision, List<String> reasons,
                         String policyVersion, Long rows, String exportDigest) {

    public static final int MAX_ACTOR = 200;
    public static final int MAX_TARGET = 500;
    public static final int MAX_REASONS = 32;
    /** Rows must stay exact as a JSON number (RFC 8785 serializes numbers as IEEE doubles). */
    public static final long MAX_ROWS = (1L << 53) - 1;

    private static final Pattern TOKEN = Pattern.compile("[A-Z][A-Z0-9_]{0,39}");
    private static final Pattern RULE_ID = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    private static final Pattern POLICY_VERSION = Pattern.compile("[A-Za-z0-9._:+-]{1,100}");
    private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");

    public AuditEvent {
        Objects.requireNonNull(type, "type");
        requireText("actor", actor, MAX_ACTOR);
        if (actor.isEmpty()) {
            throw new IllegalArgumentException("actor must not be empty");
        }
        if (target != null) {
            requireText("target", target, MAX_TARGET);
        }
        if (decision != null && !TOKEN.matcher(decision).matches()) {
            throw new IllegalArgumentException("decision must be an upper-case token such as DENIED");
        }
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
        if (reasons.size() > MAX_REASONS) {
            throw new IllegalArgumentException("at most " + MAX_REASONS + " reasons");
        }
        for (String reason : reasons) {
            if (!RULE_ID.matcher(reason).matches()) {
                throw new IllegalArgumentException("reasons are rule ids such as OUT_OF_SCOPE");
            }
        }
        if (policyVersion != null && !POLICY_VERSION.matcher(policyVersion).matches()) {
            throw new IllegalArgumentException("policyVersion must be 1-100 of A-Z a-z 0-9 . _ : + -");
        }
        if (rows != null && (rows < 0 || rows > MAX_ROWS)) {
            throw new IllegalArgumentException("rows must be between 0 and 2^53-1");
        }
        if (exportDigest != null && !DIGEST.matcher(exportDigest).matches()) {
            throw new IllegalArgumentException("exportDigest must be a lower-case hex SHA-256");
        }
    }

    public static AuditEvent of(AuditEventType type, String actor, String target) {
        return new AuditEvent(type, actor, target, null, List.of(), null, null, null);
    }

    public AuditEvent withDecision(String decision) {
        return new AuditEvent(type, actor, target, decision, reasons, policyVersion, rows, exportDigest);
    }

    public AuditEvent withReasons(List<String> reasons) {
        return new AuditEvent(type, actor, target, decision, reasons, policyVersion, rows, exportDigest);
    }

    public AuditEvent withPolicyVersion(String policyVersion) {
        return new AuditEvent(type, actor, target, decision, reasons, policyVersion, rows, exportDigest);
    }

    public AuditEvent withRows(long rows) {
        return new AuditEvent(type, actor, target, decision, reasons, policyVersion, rows, exportDigest);
    }

    public AuditEvent withExportDigest(String exportDigest) {
        return new AuditEvent(type, actor, target, decision, reasons, policyVersion, rows, exportDigest);
    }

    /** The entry's {@code action}. */
    public String action() {
        return type.name();
    }

    /**
     * Free text must be well-formed Unicode (RFC 8785 rejects lone surrogates) and free of control
     * characters, which have no business in a log line and could forge one.
     */
    private static void requireText(String name, String value, int max) {
        Objects.requireNonNull(value, name);
        if (value.length() > max) {
            throw new IllegalArgumentException(name + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                throw new IllegalArgumentException(name + " contains a control character");
            }
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new IllegalArgumentException(name + " is not well-formed Unicode");
            }
        }
    }
}
