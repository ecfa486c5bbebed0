package org.membergateway.elections;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;
import org.membergateway.policy.Channel;
import org.membergateway.policy.PolicyException;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.PolicyYaml;

/**
 * {@code policies/elections.yml}, checked strictly at start: the published terms for distributing
 * candidates' literature (confidentiality §5; 29 CFR 452.67–452.69) and the calendar's flag window.
 * A bad file is a {@link PolicyException} naming the file and the entry, and the gateway does not start.
 *
 * @param mailRateCents    cents per postal piece
 * @param emailRateCents   cents per email
 * @param paymentInAdvance whether every candidate pays before delivery
 * @param leadDays         days between approval and the earliest delivery
 * @param flagWindowDays   the calendar's window: this many days before election day, through it
 * @param sha256           SHA-256 (hex) of the file's bytes, copied into each election with its terms
 */
public record ElectionPolicy(int mailRateCents, int emailRateCents, boolean paymentInAdvance, int leadDays,
                             int flagWindowDays, String sha256) {

    public static final String FILE = "elections.yml";
    /** The table's bounds (V20): a rate is at most $1,000 a piece, a lead at most a year. */
    static final int MAX_RATE_CENTS = 100_000;
    static final int MAX_LEAD_DAYS = 365;
    static final int MAX_WINDOW_DAYS = 730;
    private static final int MAX_BYTES = 64 * 1024;

    /** The terms as an election stores them (with this file's hash). */
    public ElectionTerms terms() {
        return new ElectionTerms(mailRateCents, emailRateCents, paymentInAdvance, leadDays, sha256);
    }

    public static ElectionPolicy load(PolicySource source) {
        byte[] bytes = source.read(FILE, MAX_BYTES).orElseThrow(() -> new PolicyException(FILE
                + ": missing (the terms for candidates' literature, confidentiality §5)"));
        return parse(bytes);
    }

    static ElectionPolicy parse(byte[] bytes) {
        JsonNode root = PolicyYaml.topMapping(FILE, bytes);
        PolicyYaml.onlyKeys(FILE, root, Set.of("terms", "calendar"), "");
        JsonNode terms = mapping(root, "terms", "");
        PolicyYaml.onlyKeys(FILE, terms, Set.of("rates", "paymentInAdvance", "leadDays", "clause"), "terms.");
        JsonNode rates = mapping(terms, "rates", "terms.");
        PolicyYaml.onlyKeys(FILE, rates, Set.of(Channel.MAIL.name(), Channel.EMAIL.name()), "terms.rates.");
        int mail = integer(rates, "terms.rates.", Channel.MAIL.name(), 0, MAX_RATE_CENTS);
        int email = integer(rates, "terms.rates.", Channel.EMAIL.name(), 0, MAX_RATE_CENTS);
        JsonNode advance = terms.get("paymentInAdvance");
        if (advance == null || !advance.isBoolean()) {
            throw new PolicyException(FILE + ": terms.paymentInAdvance: expected true or false");
        }
        int lead = integer(terms, "terms.", "leadDays", 0, MAX_LEAD_DAYS);
        clause(terms, "terms.");
        JsonNode calendar = mapping(root, "calendar", "");
        PolicyYaml.onlyKeys(FILE, calendar, Set.of("flagWindowDays", "clause"), "calendar.");
        int window = integer(calendar, "calendar.", "flagWindowDays", 1, MAX_WINDOW_DAYS);
        clause(calendar, "calendar.");
        return new ElectionPolicy(mail, email, advance.booleanValue(), lead, window, PolicyYaml.sha256(bytes));
    }

    private static JsonNode mapping(JsonNode node, String key, String prefix) {
        JsonNode value = node.get(key);
        if (value == null || !value.isObject()) {
            throw new PolicyException(FILE + ": " + prefix + key + ": missing (expected a mapping)");
        }
        return value;
    }

    private static int integer(JsonNode node, String prefix, String key, int min, int max) {
        JsonNode value = node.get(key);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToInt()
                || value.intValue() < min || value.intValue() > max) {
            throw new PolicyException(FILE + ": " + prefix + key + ": expected a whole number from " + min + " to " + max);
        }
        return value.intValue();
    }

    /** Every section cites the union's text; the federal citations are in the comments beside it. */
    private static void clause(JsonNode node, String prefix) {
        JsonNode value = node.get("clause");
        String text = value == null || !value.isTextual() ? null : value.asText().strip();
        if (!PolicyLoader.isClause(text) || !text.contains("confidentiality §5")) {
            throw new PolicyException(FILE + ": " + prefix + "clause: must cite confidentiality §5");
        }
    }
}
