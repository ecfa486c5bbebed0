package org.membergateway.web;

import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import org.membergateway.auth.Requester;
import org.membergateway.directory.ScopeLookups;
import org.membergateway.http.InvalidParameterException;
import org.membergateway.policy.AccessRequestBody;
import org.membergateway.policy.Purpose;
import org.membergateway.policy.ScopeType;

/**
 * The request form as it was filled in, kept as sent so a form with a problem comes back as the
 * person left it. Its field names are the JSON API's ({@code purpose, campaignId, scopeType,
 * scopeId, audience, channel, fields, justification}, and {@code worksite}, {@code classification},
 * {@code electionId} for the API's {@code filters}); the policy's parser checks them, as it does the API's.
 *
 * <p>The scope is chosen as a {@code scopeType} radio and, under each type the person covers, the
 * {@code scopeId} of that type (a list when there are several, a hidden field when there is one).
 * Without script every one of them is sent, in the order of the types on the form, so the id that
 * counts is the one at the chosen type's place ({@link #scopeIdTypes}); a form that sends a single
 * {@code scopeId} (as a form with one scope, or a script, does) means that one.
 */
public record RequestForm(String purpose, String campaignId, String scopeType, String scopeId, String audience,
                          String channel, List<String> fields, String worksite, String classification,
                          String justification, String electionId) {

    /** Longer than anything the parser accepts, so nothing it would refuse is cut to something it accepts. */
    private static final int KEPT = 2000;

    public RequestForm {
        fields = fields == null ? List.of() : fields.stream().limit(100).map(f -> keep(f, 40)).toList();
        electionId = electionId == null ? "" : electionId;
    }

    /** A form without an election (any purpose but VOTING_DATA). */
    public RequestForm(String purpose, String campaignId, String scopeType, String scopeId, String audience,
                       String channel, List<String> fields, String worksite, String classification, String justification) {
        this(purpose, campaignId, scopeType, scopeId, audience, channel, fields, worksite, classification, justification, "");
    }

    /** A new form: the person's own local, if they have exactly one, is where most requests are for. */
    public static RequestForm initial(Requester me) {
        String local = me.locals().size() == 1 ? me.locals().iterator().next() : "";
        return new RequestForm("", "", local.isEmpty() ? "" : ScopeType.LOCAL.name(), local, "", "", List.of(), "", "", "");
    }

    public static RequestForm from(MultivaluedMap<String, String> form) {
        return from(form, List.of());
    }

    /**
     * @param scopeIdTypes the scope types that send a {@code scopeId} on the form the person was
     *     shown, in its order ({@link #scopeIdTypes})
     */
    public static RequestForm from(MultivaluedMap<String, String> form, List<ScopeType> scopeIdTypes) {
        String scopeType = one(form, "scopeType");
        return new RequestForm(one(form, "purpose"), one(form, "campaignId"), scopeType,
                keep(scopeId(form.get("scopeId"), scopeType, scopeIdTypes), KEPT), one(form, "audience"),
                one(form, "channel"), form.get("fields"), one(form, "worksite"), one(form, "classification"),
                one(form, "justification"), one(form, "electionId"));
    }

    /**
     * The scope types whose {@code scopeId} the form sends, in the form's order: those with
     * something to choose among the person's scopes. The whole union sends none (its id is always
     * {@code ALL}).
     */
    public static List<ScopeType> scopeIdTypes(ScopeLookups.Coverage coverage) {
        List<ScopeType> types = new ArrayList<>(3);
        if (!coverage.locals().isEmpty()) {
            types.add(ScopeType.LOCAL);
        }
        if (!coverage.regions().isEmpty()) {
            types.add(ScopeType.REGION);
        }
        if (!coverage.employerGroups().isEmpty()) {
            types.add(ScopeType.EMPLOYER_GROUP);
        }
        return types;
    }

    private static String scopeId(List<String> sent, String scopeType, List<ScopeType> scopeIdTypes) {
        if (sent == null || sent.isEmpty()) {
            return "";
        }
        if (sent.size() == 1) {
            return sent.get(0);
        }
        int place = ScopeType.parse(scopeType).map(scopeIdTypes::indexOf).orElse(-1);
        // Not the form the person was shown (their scopes changed meanwhile): nothing chosen, so they choose again.
        return place >= 0 && sent.size() == scopeIdTypes.size() ? sent.get(place) : "";
    }

    /** The API's body for what the form says; a statewide scope is always {@code ALL}, whatever was typed. */
    public AccessRequestBody body() {
        Long campaign = null;
        // Without script the campaign list shows whatever the purpose; only campaign outreach names one.
        if (Purpose.CAMPAIGN_OUTREACH.name().equals(purpose) && !campaignId.isBlank()) {
            try {
                campaign = Long.parseLong(campaignId.strip());
            } catch (NumberFormatException e) {
                throw new InvalidParameterException("campaignId", "campaignId: expected a campaign id (a positive number)");
            }
        }
        String type = blankToNull(scopeType);
        String id = ScopeType.STATEWIDE.name().equals(type) ? ScopeType.STATEWIDE_ID : blankToNull(scopeId.strip());
        return new AccessRequestBody(blankToNull(purpose), campaign, new AccessRequestBody.ScopeBody(type, id),
                new AccessRequestBody.FiltersBody(blankToNull(worksite), blankToNull(classification),
                        // Without script the election box shows whatever the purpose; only voting data names one.
                        Purpose.VOTING_DATA.name().equals(purpose) ? blankToNull(electionId.strip()) : null),
                blankToNull(audience), blankToNull(channel), fields, justification);
    }

    public boolean hasField(String field) {
        return fields.contains(field);
    }

    /**
     * The form field that an API field name (as the parser names it in its 400) is shown at: the
     * error summary links to it.
     */
    public static String formField(String apiField) {
        if (apiField == null) {
            return "purpose";
        }
        if (apiField.startsWith("fields")) {
            return "fields";
        }
        return switch (apiField) {
            case "scope", "scope.type" -> "scopeType";
            case "scope.id" -> "scopeId";
            case "filters.worksite" -> "worksite";
            case "filters.classification" -> "classification";
            case "filters.electionId" -> "electionId";
            case "purpose", "campaignId", "audience", "channel", "justification" -> apiField;
            default -> "purpose";
        };
    }

    private static String one(MultivaluedMap<String, String> form, String name) {
        return keep(form.getFirst(name), KEPT);
    }

    private static String keep(String value, int max) {
        if (value == null) {
            return "";
        }
        return value.length() > max ? value.substring(0, max) : value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
