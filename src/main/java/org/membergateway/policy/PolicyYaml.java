package org.membergateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Set;

/**
 * Reading the policy files that are YAML mappings (campaigns, elections, retention, vendor services),
 * so that each names the file and the entry the same way when it refuses one.
 */
public final class PolicyYaml {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private PolicyYaml() {
    }

    /**
     * The mapping at the top of {@code file}.
     *
     * @throws PolicyException naming {@code file} if it is not YAML or not a mapping
     */
    public static JsonNode topMapping(String file, byte[] bytes) {
        JsonNode root;
        try {
            root = YAML.readTree(bytes);
        } catch (IOException e) {
            throw new PolicyException(file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (root == null || !root.isObject()) {
            throw new PolicyException(file + ": expected a YAML mapping at the top");
        }
        return root;
    }

    /**
     * Refuses a key of {@code node} that is not {@code allowed}: a misspelt key would otherwise be a
     * rule silently left out.
     *
     * @param prefix the path of {@code node} in the file ({@code ""} at the top, else ending in a dot)
     */
    public static void onlyKeys(String file, JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new PolicyException(file + ": " + prefix + name + ": unknown key (expected one of "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /**
     * The SHA-256 of a policy file's bytes, lower-case hex: what a decision, an election's terms, a
     * purge or an acknowledgement records to say which text it followed.
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
