package org.membergateway.vendors;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.membergateway.policy.FieldCatalogue;
import org.membergateway.policy.PolicyException;
import org.membergateway.policy.PolicyLoader;
import org.membergateway.policy.PolicySource;
import org.membergateway.policy.PolicyYaml;

/**
 * The field profile of every vendor service, read from policies/vendor-services.yml through the
 * same {@link PolicySource} as the rules and texts. Strict like {@link PolicyLoader}: an unknown
 * key, service or field, a missing service, a clause that cites nothing, or a membership-status
 * field without a stated need (confidentiality §4) is a {@link PolicyException} naming the file and
 * the path in it, and the gateway does not start.
 */
public final class ServiceProfiles {

    public static final String FILE = "vendor-services.yml";
    private static final int MAX_FILE_BYTES = 1 << 20;

    private final Map<ServiceKind, ServiceProfile> profiles;

    private ServiceProfiles(Map<ServiceKind, ServiceProfile> profiles) {
        this.profiles = profiles;
    }

    public static ServiceProfiles load(PolicySource source, FieldCatalogue catalogue) {
        String file = source.describe(FILE);
        byte[] bytes = source.read(FILE, MAX_FILE_BYTES)
                .orElseThrow(() -> new PolicyException(file + ": the policy file is missing"));
        JsonNode root = PolicyYaml.topMapping(file, bytes);
        return new ServiceProfiles(new Reader(file, catalogue).profiles(root));
    }

    public ServiceProfile profile(ServiceKind service) {
        return profiles.get(service);
    }

    public Map<ServiceKind, ServiceProfile> all() {
        return profiles;
    }

    private record Reader(String file, FieldCatalogue catalogue) {

        Map<ServiceKind, ServiceProfile> profiles(JsonNode root) {
            keys(root, "", "services");
            JsonNode services = root.get("services");
            if (services == null || !services.isObject()) {
                throw fail("services", "expected a mapping from service to its profile");
            }
            Map<ServiceKind, ServiceProfile> profiles = new EnumMap<>(ServiceKind.class);
            for (Iterator<Map.Entry<String, JsonNode>> it = services.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                String path = "services." + entry.getKey();
                ServiceKind service = service(entry.getKey(), path);
                profiles.put(service, profile(service, entry.getValue(), path));
            }
            for (ServiceKind service : ServiceKind.values()) {
                if (!profiles.containsKey(service)) {
                    throw fail("services", "missing " + service + ": every vendor service needs a profile");
                }
            }
            return Collections.unmodifiableMap(profiles);
        }

        private ServiceProfile profile(ServiceKind service, JsonNode node, String path) {
            keys(node, path, "clause", "description", "fields", "membershipStatus", "audiences");
            java.util.Set<org.membergateway.policy.Audience> audiences = audiences(node.get("audiences"), path + ".audiences");
            JsonNode clause = node.get("clause");
            if (clause == null || !PolicyLoader.isClause(clause.asText(null))) {
                throw fail(path + ".clause", "expected a citation such as \"confidentiality §3\"");
            }
            String description = text(node, "description", path);
            List<String> fields = fields(node.get("fields"), path + ".fields");
            List<String> statusInFields = fields.stream().filter(catalogue::isMembershipStatus).toList();
            JsonNode status = node.get("membershipStatus");
            if (status == null) {
                if (!statusInFields.isEmpty()) {
                    throw fail(path + ".fields", statusInFields + " reveal membership status; a service gets them only"
                            + " when it needs them (confidentiality §4): say so under membershipStatus");
                }
                return new ServiceProfile(service, clause.textValue(), description, fields, List.of(), null, audiences);
            }
            String statusPath = path + ".membershipStatus";
            keys(status, statusPath, "fields", "justification");
            List<String> statusFields = fields(status.get("fields"), statusPath + ".fields");
            for (int i = 0; i < statusFields.size(); i++) {
                if (!catalogue.isMembershipStatus(statusFields.get(i))) {
                    throw fail(statusPath + ".fields", statusFields.get(i) + " is not a membership-status field");
                }
            }
            if (!statusFields.equals(statusInFields)) {
                throw fail(statusPath + ".fields", "must list exactly the membership-status fields of " + path
                        + ".fields: " + statusInFields);
            }
            return new ServiceProfile(service, clause.textValue(), description, fields, statusFields,
                    text(status, "justification", statusPath), audiences);
        }

        /** Absent: every audience a vendor extract may have; present: a non-empty list of them. */
        private java.util.Set<org.membergateway.policy.Audience> audiences(JsonNode node, String path) {
            if (node == null) {
                return java.util.EnumSet.allOf(org.membergateway.policy.Audience.class);
            }
            if (!node.isArray() || node.isEmpty()) {
                throw fail(path, "expected a non-empty list of audiences");
            }
            java.util.Set<org.membergateway.policy.Audience> audiences = java.util.EnumSet.noneOf(org.membergateway.policy.Audience.class);
            for (int i = 0; i < node.size(); i++) {
                String name = node.get(i).asText("");
                try {
                    audiences.add(org.membergateway.policy.Audience.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw fail(path + "[" + i + "]", "unknown audience \"" + name + "\"");
                }
            }
            return audiences;
        }

        private List<String> fields(JsonNode node, String path) {
            if (node == null || !node.isArray() || node.isEmpty()) {
                throw fail(path, "expected a non-empty list of member fields");
            }
            Set<String> fields = new LinkedHashSet<>();
            for (int i = 0; i < node.size(); i++) {
                JsonNode item = node.get(i);
                // Member fields only: a vendor never gets a row set's own records (voting data).
                if (!item.isTextual() || !catalogue.memberFields().contains(item.textValue())) {
                    throw fail(path + "[" + i + "]", "unknown field " + item + "; member fields are "
                            + catalogue.memberFields());
                }
                if (!fields.add(item.textValue())) {
                    throw fail(path + "[" + i + "]", item.textValue() + " is listed twice");
                }
            }
            // Catalogue order, like every other field list.
            List<String> ordered = new ArrayList<>();
            for (String known : catalogue.categories().keySet()) {
                if (fields.contains(known)) {
                    ordered.add(known);
                }
            }
            return List.copyOf(ordered);
        }

        private ServiceKind service(String name, String path) {
            for (ServiceKind service : ServiceKind.values()) {
                if (service.name().equals(name)) {
                    return service;
                }
            }
            throw fail(path, "unknown service; expected one of " + List.of(ServiceKind.values()));
        }

        private String text(JsonNode node, String key, String path) {
            JsonNode value = node.get(key);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                throw fail(path + "." + key, "expected text");
            }
            return value.textValue().strip();
        }

        /** Unknown keys are errors: a misspelt key would otherwise silently drop a condition. */
        private void keys(JsonNode node, String path, String... allowed) {
            if (node == null || !node.isObject()) {
                throw fail(path.isEmpty() ? "(top)" : path, "expected a mapping");
            }
            List<String> allowedKeys = List.of(allowed);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowedKeys.contains(key)) {
                    throw fail(path.isEmpty() ? key : path + "." + key, "unknown key; expected one of " + allowedKeys);
                }
            }
        }

        private PolicyException fail(String path, String problem) {
            return new PolicyException(file + ": " + path + ": " + problem);
        }
    }
}
