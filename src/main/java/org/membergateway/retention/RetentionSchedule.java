package org.membergateway.retention;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.membergateway.policy.PolicyException;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.PolicyYaml;

/**
 * {@code policies/retention.yml}, checked strictly at start: every {@link RecordType} exactly once,
 * each saying the status, trigger and disposal the gateway implements for it, a {@code keep} no
 * shorter than its floor and a clause; the audit trail kept permanently with no member data. A
 * bad file is a {@link PolicyException} naming the file and the entry, and the gateway does not start.
 */
public record RetentionSchedule(Map<RecordType, Entry> entries, String sha256) {

    public static final String FILE = "retention.yml";
    private static final int MAX_BYTES = 64 * 1024;
    /** "AP&P XVI §6(e)", "confidentiality §7, §8; AP&P XVI §8": at least one citation of either text. */
    private static final Pattern CLAUSE = Pattern.compile(
            "((confidentiality|AP&P [IVX]+) §[0-9]+(\\([a-z]\\))?(, §[0-9]+(\\([a-z]\\))?)*)(; (confidentiality|AP&P [IVX]+) §[0-9]+(\\([a-z]\\))?(, §[0-9]+(\\([a-z]\\))?)*)*");
    private static final Set<String> ENTRY_KEYS = Set.of("description", "status", "keep", "after", "disposal", "clause");
    private static final Set<String> AUDIT_KEYS = Set.of("keep", "memberData", "clause");

    /** One record type's schedule. */
    public record Entry(RecordType type, Period keep, String clause) {
    }

    public Period keep(RecordType type) {
        return entries.get(type).keep();
    }

    /** As carried in reports and audit entries: {@code sha256:<hex>} of the file's bytes. */
    public String version() {
        return "sha256:" + sha256;
    }

    public static RetentionSchedule load(PolicySource source) {
        byte[] bytes = source.read(FILE, MAX_BYTES)
                .orElseThrow(() -> new PolicyException(FILE + ": missing (the records retention schedule, AP&P XVI)"));
        return parse(bytes);
    }

    static RetentionSchedule parse(byte[] bytes) {
        JsonNode root = PolicyYaml.topMapping(FILE, bytes);
        PolicyYaml.onlyKeys(FILE, root, Set.of("recordTypes", "auditTrail"), "");
        JsonNode types = root.get("recordTypes");
        if (types == null || !types.isObject()) {
            throw new PolicyException(FILE + ": recordTypes: expected a mapping of record type to its schedule");
        }
        Map<RecordType, Entry> entries = new EnumMap<>(RecordType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = types.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String path = "recordTypes." + field.getKey();
            RecordType type = RecordType.byKey(field.getKey()).orElseThrow(() -> new PolicyException(FILE + ": " + path
                    + ": unknown record type (known: " + keys() + ")"));
            entries.put(type, entry(type, field.getValue(), path));
        }
        List<String> missing = new ArrayList<>();
        for (RecordType type : RecordType.values()) {
            if (!entries.containsKey(type)) {
                missing.add(type.key());
            }
        }
        if (!missing.isEmpty()) {
            throw new PolicyException(FILE + ": recordTypes: missing " + String.join(", ", missing)
                    + " (every record type the gateway knows has an entry)");
        }
        // A seed names its export: it cannot outlive the export's record.
        if (longer(entries.get(RecordType.SEEDS).keep(), entries.get(RecordType.EXPORT_RECORDS).keep())) {
            throw new PolicyException(FILE + ": recordTypes.seeds.keep: longer than export-records.keep;"
                    + " a seed record cannot outlive its export's record");
        }
        auditTrail(root.get("auditTrail"));
        return new RetentionSchedule(Map.copyOf(entries), PolicyYaml.sha256(bytes));
    }

    private static Entry entry(RecordType type, JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw new PolicyException(FILE + ": " + path + ": expected a mapping");
        }
        PolicyYaml.onlyKeys(FILE, node, ENTRY_KEYS, path + ".");
        expect(node, path, "status", type.status().name());
        expect(node, path, "after", type.trigger().name());
        expect(node, path, "disposal", type.disposal().name());
        String keepText = text(node, path, "keep");
        Period keep;
        try {
            keep = Period.parse(keepText);
        } catch (DateTimeParseException e) {
            throw new PolicyException(FILE + ": " + path + ".keep: \"" + keepText + "\" is not an ISO-8601 period (P2Y, P30D)");
        }
        if (keep.isNegative() || longer(type.floor(), keep)) {
            throw new PolicyException(FILE + ": " + path + ".keep: " + keep + " is shorter than the minimum " + type.floor()
                    + " for " + type.key());
        }
        String clause = clause(node, path);
        return new Entry(type, keep, clause);
    }

    private static void auditTrail(JsonNode node) {
        String path = "auditTrail";
        if (node == null || !node.isObject()) {
            throw new PolicyException(FILE + ": auditTrail: missing; the audit trail is kept permanently (say so)");
        }
        PolicyYaml.onlyKeys(FILE, node, AUDIT_KEYS, path + ".");
        expect(node, path, "keep", "PERMANENT");
        JsonNode memberData = node.get("memberData");
        if (memberData == null || !memberData.isBoolean() || memberData.booleanValue()) {
            throw new PolicyException(FILE + ": auditTrail.memberData: must be false; the trail holds no member data");
        }
        clause(node, path);
    }

    private static String clause(JsonNode node, String path) {
        String clause = text(node, path, "clause");
        if (!CLAUSE.matcher(clause).matches()) {
            throw new PolicyException(FILE + ": " + path + ".clause: \"" + clause
                    + "\" does not cite a clause (e.g. \"AP&P XVI §6(e)\" or \"confidentiality §7, §8; AP&P XVI §8\")");
        }
        return clause;
    }

    private static void expect(JsonNode node, String path, String key, String implemented) {
        String value = text(node, path, key);
        if (!value.equals(implemented)) {
            throw new PolicyException(FILE + ": " + path + "." + key + ": \"" + value + "\", but the gateway implements "
                    + implemented + " for this record type");
        }
    }

    private static String text(JsonNode node, String path, String key) {
        JsonNode value = node.get(key);
        if (value == null || !value.isValueNode() || value.asText().isBlank()) {
            throw new PolicyException(FILE + ": " + path + "." + key + ": missing");
        }
        return value.asText().strip();
    }

    /** Periods of years, months and days compared by the date they reach from one fixed day. */
    private static boolean longer(Period a, Period b) {
        LocalDate from = LocalDate.of(2000, 1, 1);
        return from.plus(a).isAfter(from.plus(b));
    }

    private static String keys() {
        return String.join(", ", java.util.Arrays.stream(RecordType.values()).map(RecordType::key).toList());
    }
}
