package org.membergateway.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.membergateway.auth.Requester;
import org.membergateway.auth.Role;
import org.membergateway.policy.Grant.ApproverRule;

/**
 * Who approves a campaign (policies/campaigns.yml), read through the same {@link PolicySource} as
 * the rules. Strict like {@link PolicyLoader}: an unknown key, scope type, approver or role, a
 * scope type without approvers, or a clause that cites nothing stops the gateway at start.
 *
 * @param clause the policy text the approval rests on
 * @param approvers by the campaign's scope type, the approver rules any one of whom decides
 * @param activeAtCreation roles whose own campaigns are active at once
 */
public record CampaignRules(String clause, Map<ScopeType, List<ApproverRule>> approvers, Set<Role> activeAtCreation) {

    public static final String FILE = "campaigns.yml";
    private static final int MAX_FILE_BYTES = 1 << 16;

    public CampaignRules {
        approvers = Collections.unmodifiableMap(new EnumMap<>(approvers));
        activeAtCreation = Set.copyOf(activeAtCreation);
    }

    public static CampaignRules load(PolicySource source) {
        String file = source.describe(FILE);
        byte[] bytes = source.read(FILE, MAX_FILE_BYTES)
                .orElseThrow(() -> new PolicyException(file + ": the policy file is missing"));
        JsonNode root = PolicyYaml.topMapping(file, bytes);
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!List.of("clause", "approvers", "activeAtCreation").contains(key)) {
                throw new PolicyException(file + ": unknown key " + key + " (expected clause, approvers, activeAtCreation)");
            }
        }
        String clause = root.path("clause").asText("");
        if (!PolicyLoader.isClause(clause)) {
            throw new PolicyException(file + ": clause: expected a citation such as confidentiality §8, §9");
        }
        JsonNode approverNodes = root.get("approvers");
        if (approverNodes == null || !approverNodes.isObject()) {
            throw new PolicyException(file + ": approvers: expected a mapping from scope type to approvers");
        }
        Map<ScopeType, List<ApproverRule>> approvers = new EnumMap<>(ScopeType.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = approverNodes.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String path = "approvers." + entry.getKey();
            ScopeType type = name(ScopeType.class, entry.getKey(), file, path);
            List<ApproverRule> rules = new ArrayList<>();
            if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
                throw new PolicyException(file + ": " + path + ": expected a non-empty list of approvers");
            }
            entry.getValue().forEach(n -> rules.add(name(ApproverRule.class, n.asText(), file, path)));
            approvers.put(type, List.copyOf(rules));
        }
        for (ScopeType type : ScopeType.values()) {
            if (!approvers.containsKey(type)) {
                throw new PolicyException(file + ": approvers: missing " + type + ": every campaign needs an approver");
            }
        }
        Set<Role> atCreation = EnumSet.noneOf(Role.class);
        JsonNode roles = root.get("activeAtCreation");
        if (roles != null) {
            if (!roles.isArray()) {
                throw new PolicyException(file + ": activeAtCreation: expected a list of roles");
            }
            roles.forEach(n -> atCreation.add(name(Role.class, n.asText(), file, "activeAtCreation")));
        }
        return new CampaignRules(clause, approvers, atCreation);
    }

    /**
     * The approvers of a campaign over {@code scope}: any one of them decides. The executive
     * director or designee stand in where a rule names nobody there (as {@link PolicyEngine} does).
     */
    public List<Approver> approvers(PlacedScope scope) {
        List<Approver> resolved = new ArrayList<>(3);
        for (ApproverRule rule : approvers.get(scope.type())) {
            switch (rule) {
                case LOCAL_PRESIDENT_OF_SCOPE -> {
                    if (scope.type() == ScopeType.LOCAL) {
                        resolved.add(new Approver(Role.LOCAL_PRESIDENT, ScopeType.LOCAL, scope.id()));
                    }
                }
                case DIRECTOR_OF_SCOPE -> {
                    if (scope.region() != null) {
                        resolved.add(new Approver(Role.DIRECTOR, ScopeType.REGION, scope.region()));
                    }
                    if (scope.employerGroup() != null) {
                        resolved.add(new Approver(Role.DIRECTOR, ScopeType.EMPLOYER_GROUP, scope.employerGroup()));
                    }
                }
                case STATEWIDE_PRESIDENT -> resolved.add(Approver.statewide(Role.STATEWIDE_PRESIDENT));
                case EXECUTIVE_DIRECTOR -> resolved.add(Approver.statewide(Role.EXECUTIVE_DIRECTOR));
                case DESIGNEE -> resolved.add(Approver.statewide(Role.DESIGNEE));
            }
        }
        if (resolved.isEmpty()) {
            resolved.add(Approver.statewide(Role.EXECUTIVE_DIRECTOR));
        }
        return List.copyOf(resolved);
    }

    /** Whether a campaign this person enters is active at once. */
    public boolean activeAtCreation(Requester creator) {
        return activeAtCreation.stream().anyMatch(creator::hasRole);
    }

    private static <E extends Enum<E>> E name(Class<E> type, String value, String file, String path) {
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(value)) {
                return constant;
            }
        }
        throw new PolicyException(file + ": " + path + ": unknown " + type.getSimpleName() + " " + value
                + "; expected one of " + List.of(type.getEnumConstants()));
    }
}
