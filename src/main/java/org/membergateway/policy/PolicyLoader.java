package org.membergateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.membergateway.auth.Role;
import org.membergateway.policy.FieldCatalogue.Category;
import org.membergateway.policy.Grant.ApproverRule;
import org.membergateway.policy.Grant.GrantScope;
import org.membergateway.policy.Policy.Ban;
import org.membergateway.policy.Policy.Cited;
import org.membergateway.policy.Policy.Escalation;
import org.membergateway.policy.Policy.PurposeRule;

/**
 * Reads and validates policies/fields.yml and policies/rules.yml. Anything wrong (a typo in a key,
 * an unknown role, a grant whose audience its purpose does not reach, a clause that cites nothing)
 * is a {@link PolicyException} naming the file and the path inside it, so a bad policy stops the
 * service at start instead of deciding wrongly.
 *
 * <p>The policy version is {@code sha256:} + the hex SHA-256 of, for each file in the order
 * fields.yml, rules.yml: its name, a newline, its length in bytes in decimal, a newline, its bytes.
 * policies/README.md shows how to recompute it with standard tools.
 */
public final class PolicyLoader {

    /** The files the version covers, in hashing order. */
    public static final List<String> FILES = List.of("fields.yml", "rules.yml");

    private static final int MAX_FILE_BYTES = 1 << 20;
    private static final Pattern GRANT_ID = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");
    /** A clause cites the union's text: confidentiality §1-§11 or an AP&P article and section. */
    private static final Pattern CLAUSE = Pattern.compile(
            "(confidentiality §(?:[1-9]|1[01])(?:, §(?:[1-9]|1[01]))*|AP&P [IVXL]+ §\\d+(?:\\([a-z]\\))?)"
                    + "(?:; (?:confidentiality §(?:[1-9]|1[01])(?:, §(?:[1-9]|1[01]))*|AP&P [IVXL]+ §\\d+(?:\\([a-z]\\))?))*");

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyLoader() {
    }

    /** Whether {@code text} is a citation policy files accept, e.g. {@code confidentiality §3, §4} or {@code AP&P XVI §6(e)}. */
    public static boolean isClause(String text) {
        return text != null && CLAUSE.matcher(text).matches();
    }

    /**
     * @param memberColumns the columns of the members CSV: the field catalogue must list exactly
     *     these (the members capability owns them; the policy decides on them)
     */
    public static Policy load(PolicySource source, List<String> memberColumns) {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            files.put(name, source.read(name, MAX_FILE_BYTES)
                    .orElseThrow(() -> new PolicyException(source.describe(name) + ": the policy file is missing")));
        }
        JsonNode fieldsYml = parse(source.describe("fields.yml"), files.get("fields.yml"));
        JsonNode rulesYml = parse(source.describe("rules.yml"), files.get("rules.yml"));
        FieldCatalogue catalogue = new Reader(source.describe("fields.yml")).catalogue(fieldsYml, memberColumns);
        return new Reader(source.describe("rules.yml")).policy(rulesYml, catalogue, version(files));
    }

    /** {@code sha256:<hex>} over the files as described in the class comment. */
    static String version(Map<String, byte[]> files) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                sha256.update((file.getKey() + "\n" + file.getValue().length + "\n").getBytes(StandardCharsets.UTF_8));
                sha256.update(file.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String file, byte[] bytes) {
        try {
            JsonNode node = YAML.readTree(bytes);
            if (node == null || !node.isObject()) {
                throw new PolicyException(file + ": expected a YAML mapping at the top");
            }
            return node;
        } catch (IOException e) {
            throw new PolicyException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    /** Walks one file's tree, naming the path of anything wrong. */
    private static final class Reader {
        private final String file;

        Reader(String file) {
            this.file = file;
        }

        FieldCatalogue catalogue(JsonNode root, List<String> memberColumns) {
            keys(root, "", "fields", "recordFields", "purposeFields");
            JsonNode fields = object(root, "fields");
            Map<String, Category> categories = new LinkedHashMap<>();
            Set<String> sensitive = new LinkedHashSet<>();
            List<Map.Entry<String, JsonNode>> entries = new java.util.ArrayList<>();
            List<String> paths = new java.util.ArrayList<>();
            Set<String> vendorJustified = new LinkedHashSet<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = fields.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                entries.add(field);
                paths.add("fields." + field.getKey());
            }
            // Fields of a row set's own records (a voting record's election, vote and method): not
            // member columns, so they are listed apart and only purposes with that row set may name them.
            Map<String, RowSet> recordFields = new LinkedHashMap<>();
            JsonNode records = root.get("recordFields");
            if (records != null) {
                if (!records.isObject()) {
                    throw fail("recordFields", "expected a mapping from row set to fields");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = records.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> set = it.next();
                    String setPath = "recordFields." + set.getKey();
                    RowSet rowSet = enumName(RowSet.class, set.getKey(), setPath);
                    if (rowSet != RowSet.VOTING_RECORDS && rowSet != RowSet.BOARD_AND_COMMITTEE) {
                        throw fail(setPath, "only VOTING_RECORDS and BOARD_AND_COMMITTEE have records of their own;"
                                + " other row sets are members");
                    }
                    if (!set.getValue().isObject()) {
                        throw fail(setPath, "expected a mapping such as {election_id: {category: VOTING}}");
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> f = set.getValue().fields(); f.hasNext(); ) {
                        Map.Entry<String, JsonNode> field = f.next();
                        String path = setPath + "." + field.getKey();
                        if (memberColumns.contains(field.getKey()) || recordFields.containsKey(field.getKey())) {
                            throw fail(path, "a field of that name is already in the catalogue");
                        }
                        recordFields.put(field.getKey(), rowSet);
                        entries.add(field);
                        paths.add(path);
                    }
                }
            }
            for (int e = 0; e < entries.size(); e++) {
                Map.Entry<String, JsonNode> field = entries.get(e);
                String path = paths.get(e);
                if (!field.getValue().isObject()) {
                    throw fail(path, "expected a mapping such as {category: NAME}");
                }
                keys(field.getValue(), path, "category", "sensitive", "vendorsOnlyWhenNeeded");
                categories.put(field.getKey(), enumValue(Category.class, field.getValue().get("category"), path + ".category"));
                JsonNode flag = field.getValue().get("sensitive");
                if (flag != null && !flag.isBoolean()) {
                    throw fail(path + ".sensitive", "expected true or false");
                }
                if (flag != null && flag.booleanValue()) {
                    sensitive.add(field.getKey());
                }
                JsonNode vendors = field.getValue().get("vendorsOnlyWhenNeeded");
                if (vendors != null && !vendors.isBoolean()) {
                    throw fail(path + ".vendorsOnlyWhenNeeded", "expected true or false");
                }
                if (vendors != null && vendors.booleanValue()) {
                    vendorJustified.add(field.getKey());
                }
            }
            Set<String> missing = new LinkedHashSet<>(memberColumns);
            missing.removeAll(categories.keySet());
            Set<String> extra = new LinkedHashSet<>(categories.keySet());
            extra.removeAll(memberColumns);
            extra.removeAll(recordFields.keySet());
            if (!missing.isEmpty() || !extra.isEmpty()) {
                throw fail("fields", "must list exactly the columns of the members CSV"
                        + (missing.isEmpty() ? "" : "; missing " + missing) + (extra.isEmpty() ? "" : "; unknown " + extra));
            }
            Map<Purpose, Map<Channel, List<String>>> purposeFields = new EnumMap<>(Purpose.class);
            JsonNode purposes = object(root, "purposeFields");
            for (Iterator<Map.Entry<String, JsonNode>> it = purposes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "purposeFields." + entry.getKey();
                Purpose purpose = enumName(Purpose.class, entry.getKey(), path);
                if (purpose == Purpose.VENDOR_SERVICE) {
                    throw fail(path, "a vendor's fields come from its agreement, not from the catalogue");
                }
                if (!entry.getValue().isObject() || entry.getValue().isEmpty()) {
                    throw fail(path, "expected a mapping from channel to fields");
                }
                Map<Channel, List<String>> byChannel = new EnumMap<>(Channel.class);
                for (Iterator<Map.Entry<String, JsonNode>> ch = entry.getValue().fields(); ch.hasNext(); ) {
                    Map.Entry<String, JsonNode> channel = ch.next();
                    String channelPath = path + "." + channel.getKey();
                    byChannel.put(enumName(Channel.class, channel.getKey(), channelPath),
                            fieldList(channel.getValue(), channelPath, categories));
                }
                purposeFields.put(purpose, Collections.unmodifiableMap(byChannel));
            }
            return new FieldCatalogue(Collections.unmodifiableMap(categories), Set.copyOf(sensitive), Set.copyOf(vendorJustified),
                    Collections.unmodifiableMap(purposeFields), recordFields);
        }

        Policy policy(JsonNode root, FieldCatalogue catalogue, String version) {
            keys(root, "", "bans", "acknowledgement", "purposes", "campaignAudiences", "grants", "escalations");
            Map<Purpose, Ban> bans = new EnumMap<>(Purpose.class);
            JsonNode banList = array(root, "bans");
            for (int i = 0; i < banList.size(); i++) {
                String path = "bans[" + i + "]";
                JsonNode ban = banList.get(i);
                keys(ban, path, "id", "purposes", "clause", "message");
                Ban value = new Ban(enumValue(RuleId.class, ban.get("id"), path + ".id"), clause(ban, path),
                        text(ban, "message", path));
                for (Purpose purpose : enumSet(Purpose.class, ban.get("purposes"), path + ".purposes")) {
                    bans.put(purpose, value);
                }
            }
            JsonNode ack = object(root, "acknowledgement");
            keys(ack, "acknowledgement", "clause", "message");
            Cited acknowledgement = new Cited(clause(ack, "acknowledgement"), text(ack, "message", "acknowledgement"));

            Map<Purpose, PurposeRule> purposes = new EnumMap<>(Purpose.class);
            JsonNode purposeNodes = object(root, "purposes");
            for (Iterator<Map.Entry<String, JsonNode>> it = purposeNodes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "purposes." + entry.getKey();
                Purpose purpose = enumName(Purpose.class, entry.getKey(), path);
                JsonNode node = entry.getValue();
                keys(node, path, "clause", "description", "requiresCampaign", "requiresAgreement", "audiences", "rows", "rowCap",
                        "entitlement", "escalateLargeLists", "escalateCandidates");
                // entitlement: true is both escalations off, allowed only over records without contact fields.
                boolean entitlement = flag(node, "entitlement", path);
                if (entitlement && (node.has("escalateLargeLists") || node.has("escalateCandidates"))) {
                    throw fail(path + ".entitlement", "an entitlement is never escalated: leave out escalateLargeLists"
                            + " and escalateCandidates");
                }
                JsonNode rows = node.get("rows");
                JsonNode cap = node.get("rowCap");
                if (cap != null && (!cap.canConvertToLong() || cap.longValue() < 1)) {
                    throw fail(path + ".rowCap", "expected a positive whole number");
                }
                purposes.put(purpose, new PurposeRule(clause(node, path), text(node, "description", path), flag(node, "requiresCampaign", path),
                        flag(node, "requiresAgreement", path), enumSet(Audience.class, node.get("audiences"), path + ".audiences"),
                        rows == null ? RowSet.ALL : enumValue(RowSet.class, rows, path + ".rows"),
                        cap == null ? 0 : cap.longValue(), !entitlement && flag(node, "escalateLargeLists", path, true),
                        !entitlement && flag(node, "escalateCandidates", path, true)));
                checkRecordFields(purpose, purposes.get(purpose).rows(), catalogue, path);
                // Skipping both escalations is safe only where no contact field can be released.
                // Board contacts too: their rows release only what board and committee members published
                // (checkRecordFields holds them to their own fields), never a member's contact data.
                if (purposes.get(purpose).entitlement() && purposes.get(purpose).rows() != RowSet.VOTING_RECORDS
                        && purposes.get(purpose).rows() != RowSet.BOARD_AND_COMMITTEE) {
                    throw fail(path + ".entitlement", "only a purpose over VOTING_RECORDS (no contact fields) or"
                            + " BOARD_AND_COMMITTEE (published role contacts) is an entitlement; any other list is"
                            + " escalated as rules.yml says");
                }
                if (!bans.containsKey(purpose) && purpose != Purpose.VENDOR_SERVICE
                        && catalogue.purposeFields().get(purpose) == null) {
                    throw fail(path, "fields.yml has no purposeFields for " + purpose + ", so it could release nothing");
                }
            }
            for (Purpose purpose : Purpose.values()) {
                if (!purposes.containsKey(purpose)) {
                    throw fail("purposes", "missing " + purpose + ": every purpose of a list request must be defined");
                }
            }

            Map<Audience, Set<CampaignKind>> campaignAudiences = new EnumMap<>(Audience.class);
            JsonNode audienceNodes = root.get("campaignAudiences");
            if (audienceNodes != null) {
                if (!audienceNodes.isObject()) {
                    throw fail("campaignAudiences", "expected a mapping from audience to campaign kinds");
                }
                for (Iterator<Map.Entry<String, JsonNode>> it = audienceNodes.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> entry = it.next();
                    String path = "campaignAudiences." + entry.getKey();
                    campaignAudiences.put(enumName(Audience.class, entry.getKey(), path),
                            enumSet(CampaignKind.class, entry.getValue(), path));
                }
            }

            List<Grant> grants = new ArrayList<>();
            Set<String> ids = new LinkedHashSet<>();
            JsonNode grantList = array(root, "grants");
            for (int i = 0; i < grantList.size(); i++) {
                grants.add(grant(grantList.get(i), "grants[" + i + "]", ids, bans, purposes));
            }
            JsonNode escalations = object(root, "escalations");
            keys(escalations, "escalations", "candidate", "largeList");
            return new Policy(version, Collections.unmodifiableMap(bans), acknowledgement,
                    Collections.unmodifiableMap(purposes), Collections.unmodifiableMap(campaignAudiences),
                    List.copyOf(grants), escalation(escalations, "candidate"), escalation(escalations, "largeList"), catalogue);
        }

        private Grant grant(JsonNode node, String path, Set<String> ids, Map<Purpose, Ban> bans,
                            Map<Purpose, PurposeRule> purposes) {
            keys(node, path, "id", "clause", "roles", "candidacies", "purposes", "audiences", "scope", "outcome", "approvers");
            String id = text(node, "id", path);
            if (!GRANT_ID.matcher(id).matches()) {
                throw fail(path + ".id", "expected upper-case letters, digits and underscores");
            }
            if (!ids.add(id)) {
                throw fail(path + ".id", "another grant is already called " + id);
            }
            Set<Role> roles = node.has("roles") ? enumSet(Role.class, node.get("roles"), path + ".roles") : Set.of();
            Set<Office> candidacies = node.has("candidacies")
                    ? enumSet(Office.class, node.get("candidacies"), path + ".candidacies") : Set.of();
            if (roles.isEmpty() == candidacies.isEmpty()) {
                throw fail(path, "a grant names either roles or candidacies (declared candidates), not both or neither");
            }
            Set<Purpose> grantPurposes = enumSet(Purpose.class, node.get("purposes"), path + ".purposes");
            Set<Audience> audiences = node.has("audiences")
                    ? enumSet(Audience.class, node.get("audiences"), path + ".audiences") : null;
            for (Purpose purpose : grantPurposes) {
                if (bans.containsKey(purpose)) {
                    throw fail(path + ".purposes", purpose + " is banned; no grant can allow it");
                }
                if (audiences != null && !purposes.get(purpose).audiences().containsAll(audiences)) {
                    throw fail(path + ".audiences", "reaches audiences " + purpose + " does not: "
                            + purposes.get(purpose).audiences());
                }
            }
            GrantScope scope = enumValue(GrantScope.class, node.get("scope"), path + ".scope");
            if ((scope == GrantScope.CANDIDACY) != !candidacies.isEmpty()) {
                throw fail(path + ".scope", "CANDIDACY scope goes with candidacies, and candidacies with CANDIDACY scope");
            }
            Outcome outcome = enumValue(Outcome.class, node.get("outcome"), path + ".outcome");
            if (outcome == Outcome.DENY) {
                throw fail(path + ".outcome", "a grant allows (ALLOW) or asks for approval (REQUIRE_APPROVAL); denial is the default");
            }
            List<ApproverRule> approvers = node.has("approvers")
                    ? List.copyOf(enumSet(ApproverRule.class, node.get("approvers"), path + ".approvers")) : List.of();
            if ((outcome == Outcome.REQUIRE_APPROVAL) == approvers.isEmpty()) {
                throw fail(path + ".approvers", "needed exactly when the outcome is REQUIRE_APPROVAL");
            }
            return new Grant(id, clause(node, path), roles, candidacies, grantPurposes, audiences, scope, outcome, approvers);
        }

        private Escalation escalation(JsonNode escalations, String name) {
            String path = "escalations." + name;
            JsonNode node = object(escalations, name);
            keys(node, path, "id", "clause", "approvers");
            return new Escalation(enumValue(RuleId.class, node.get("id"), path + ".id"), clause(node, path),
                    List.copyOf(enumSet(ApproverRule.class, node.get("approvers"), path + ".approvers")));
        }

        /** Categories a purpose over voting records may release: names and work, and the record itself; never contact. */
        private static final Set<Category> VOTING_RECORD_CATEGORIES = java.util.EnumSet.of(Category.NAME, Category.WORK,
                Category.VOTING);

        /**
         * A record field only for purposes over its row set; and a purpose over voting records only
         * what AP&P XVI §6(e) releases: voting data is not a contact list (fields.yml may not widen it).
         */
        private void checkRecordFields(Purpose purpose, RowSet rows, FieldCatalogue catalogue, String path) {
            Map<Channel, List<String>> byChannel = catalogue.purposeFields().get(purpose);
            if (byChannel == null) {
                return;
            }
            for (Map.Entry<Channel, List<String>> channel : byChannel.entrySet()) {
                for (String field : channel.getValue()) {
                    RowSet owner = catalogue.recordFields().get(field);
                    if (owner != null && owner != rows) {
                        throw fail(path + ".rows", "fields.yml gives " + purpose + " the field " + field + " of "
                                + owner + " records, but the purpose's rows are " + rows);
                    }
                    // Board and committee members are shown with what they published, never a member
                    // column (a mobile or home number): only the row set's own fields (confidentiality §6).
                    if (rows == RowSet.BOARD_AND_COMMITTEE && owner != RowSet.BOARD_AND_COMMITTEE) {
                        throw fail(path + ".rows", "fields.yml gives " + purpose + " on " + channel.getKey() + " the member"
                                + " field " + field + "; board and committee members are shown with the fields of their"
                                + " BOARD_AND_COMMITTEE records only (confidentiality §6)");
                    }
                    if (rows == RowSet.VOTING_RECORDS && !VOTING_RECORD_CATEGORIES.contains(catalogue.categories().get(field))) {
                        throw fail(path + ".rows", "fields.yml gives " + purpose + " on " + channel.getKey() + " the field "
                                + field + " (" + catalogue.categories().get(field) + "); voting records are released with "
                                + VOTING_RECORD_CATEGORIES + " fields only (AP&P XVI §6(e))");
                    }
                }
            }
        }

        private List<String> fieldList(JsonNode node, String path, Map<String, Category> known) {
            if (node == null || !node.isArray() || node.isEmpty()) {
                throw fail(path, "expected a list of field names");
            }
            Set<String> fields = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                if (item.isTextual() && known.containsKey(item.textValue())) {
                    fields.add(item.textValue());
                } else {
                    throw fail(path + "[" + i + "]", "unknown field " + item + "; known fields: " + known.keySet());
                }
            }
            // Catalogue order, so a list's columns do not depend on how a YAML list was written.
            return known.keySet().stream().filter(fields::contains).toList();
        }

        private String clause(JsonNode parent, String parentPath) {
            JsonNode node = parent.get("clause");
            String path = parentPath + ".clause";
            if (node == null || !node.isTextual() || !CLAUSE.matcher(node.textValue()).matches()) {
                throw fail(path, "expected a citation such as \"confidentiality §7\" or \"AP&P XVI §6(e)\"");
            }
            return node.textValue();
        }

        private String text(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw fail(path + "." + key, "expected text");
            }
            return value.textValue().strip();
        }

        private boolean flag(JsonNode node, String key, String path) {
            return flag(node, key, path, false);
        }

        private boolean flag(JsonNode node, String key, String path, boolean absent) {
            JsonNode value = node.get(key);
            if (value == null) {
                return absent;
            }
            if (!value.isBoolean()) {
                throw fail(path + "." + key, "expected true or false");
            }
            return value.booleanValue();
        }

        private JsonNode object(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isObject()) {
                throw fail(key, "expected a mapping");
            }
            return value;
        }

        private JsonNode array(JsonNode node, String key) {
            JsonNode value = node.get(key);
            if (value == null || !value.isArray()) {
                throw fail(key, "expected a list");
            }
            return value;
        }

        /** Unknown keys are errors: a misspelt key would otherwise silently drop a condition. */
        private void keys(JsonNode node, String path, String... allowed) {
            if (!node.isObject()) {
                throw fail(path, "expected a mapping");
            }
            List<String> allowedKeys = List.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowedKeys.contains(key)) {
                    throw fail(path.isEmpty() ? key : path + "." + key, "unknown key; expected one of " + allowedKeys);
                }
            }
        }

        private <E extends Enum<E>> E enumValue(Class<E> type, JsonNode node, String path) {
            if (node == null || !node.isTextual()) {
                throw fail(path, "expected one of " + EnumSet.allOf(type));
            }
            return enumName(type, node.textValue(), path);
        }

        private <E extends Enum<E>> E enumName(Class<E> type, String name, String path) {
            for (E value : type.getEnumConstants()) {
                if (value.name().equals(name)) {
                    return value;
                }
            }
            throw fail(path, "unknown value \"" + name + "\"; expected one of " + EnumSet.allOf(type));
        }

        private <E extends Enum<E>> Set<E> enumSet(Class<E> type, JsonNode node, String path) {
            if (node == null || !node.isArray() || node.isEmpty()) {
                throw fail(path, "expected a non-empty list of " + EnumSet.allOf(type));
            }
            Set<E> values = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                values.add(enumValue(type, node.get(i), path + "[" + i + "]"));
            }
            // EnumSet: the engine asks contains() of these on every decision.
            return Collections.unmodifiableSet(EnumSet.copyOf(values));
        }

        private PolicyException fail(String path, String problem) {
            return new PolicyException(file + ": " + path + ": " + problem);
        }
    }
}
