package org.membergateway.policy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.membergateway.http.InvalidParameterException;

/**
 * Turns a request body into an {@link AccessRequest}, or answers 400 naming the field and what it
 * accepts. Malformed input never reaches the engine: the engine decides requests, it does not
 * guess at them.
 */
public final class AccessRequestParser {

    public static final int MAX_JUSTIFICATION = 1000;
    public static final int MAX_FILTER = 200;
    private static final Pattern SCOPE_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    private AccessRequestParser() {
    }

    /**
     * @param facts where scopes lie (the directory's locals, regions and employer groups)
     * @param catalogue the member fields there are
     */
    public static AccessRequest parse(AccessRequestBody body, PolicyFacts facts, FieldCatalogue catalogue) {
        return parse(body, facts, catalogue, java.util.Set.of());
    }

    /**
     * @param banned purposes nobody may have data for: a request for one needs no fields, so that
     *     the answer is the ban (ELECTION_USE_BAN), not "name at least one field"
     */
    public static AccessRequest parse(AccessRequestBody body, PolicyFacts facts, FieldCatalogue catalogue,
                                      java.util.Set<Purpose> banned) {
        if (body == null) {
            throw invalid("body", "expected a JSON object with purpose, scope, audience, channel and fields");
        }
        Purpose purpose = enumValue(Purpose.class, "purpose", body.purpose());
        Long campaignId = body.campaignId();
        if (purpose == Purpose.CAMPAIGN_OUTREACH && campaignId == null) {
            throw invalid("campaignId", "CAMPAIGN_OUTREACH needs the id of an active campaign or project");
        }
        if (purpose != Purpose.CAMPAIGN_OUTREACH && campaignId != null) {
            throw invalid("campaignId", "only CAMPAIGN_OUTREACH names a campaign; leave it out for " + purpose);
        }
        if (campaignId != null && campaignId < 1) {
            throw invalid("campaignId", "expected a campaign id (a positive number)");
        }
        PlacedScope scope = scope(body.scope(), facts);
        AccessRequest.Filters filters = filters(body.filters());
        if (purpose == Purpose.VOTING_DATA && filters.electionId() == null) {
            throw invalid("filters.electionId", "VOTING_DATA names the election whose voting records are wanted");
        }
        if (purpose != Purpose.VOTING_DATA && filters.electionId() != null) {
            throw invalid("filters.electionId", "only VOTING_DATA names an election; leave it out for " + purpose);
        }
        Audience audience = enumValue(Audience.class, "audience", body.audience());
        Channel channel;
        if (purpose == Purpose.VENDOR_SERVICE && body.channel() == null) {
            channel = null;
        } else {
            channel = enumValue(Channel.class, "channel", body.channel());
        }
        List<String> fields = banned.contains(purpose) && (body.fields() == null || body.fields().isEmpty())
                ? List.of() : fields(body.fields(), catalogue.fields());
        String justification = body.justification() == null ? "" : body.justification().strip();
        if (justification.length() > MAX_JUSTIFICATION) {
            throw invalid("justification", "at most " + MAX_JUSTIFICATION + " characters");
        }
        if (hasControl(justification.replace('\n', ' '))) {
            throw invalid("justification", "must not contain control characters other than line breaks");
        }
        return new AccessRequest(purpose, campaignId, scope, filters, audience, channel, fields, justification);
    }

    private static PlacedScope scope(AccessRequestBody.ScopeBody body, PolicyFacts facts) {
        if (body == null) {
            throw invalid("scope", "expected {\"type\": \"LOCAL\", \"id\": \"L083\"} (types " + EnumSet.allOf(ScopeType.class) + ")");
        }
        ScopeType type = enumValue(ScopeType.class, "scope.type", body.type());
        if (type == ScopeType.STATEWIDE) {
            if (!ScopeType.STATEWIDE_ID.equals(body.id())) {
                throw invalid("scope.id", "a STATEWIDE scope has the id ALL");
            }
            return PlacedScope.STATEWIDE;
        }
        if (body.id() == null || !SCOPE_ID.matcher(body.id()).matches()) {
            throw invalid("scope.id", "expected 1-32 of A-Z a-z 0-9 _ -");
        }
        return facts.place(type, body.id()).orElseThrow(() -> invalid("scope.id",
                "there is no " + type.name().toLowerCase().replace('_', ' ') + " " + body.id()));
    }

    private static AccessRequest.Filters filters(AccessRequestBody.FiltersBody body) {
        if (body == null) {
            return AccessRequest.Filters.NONE;
        }
        return new AccessRequest.Filters(filter("filters.worksite", body.worksite()),
                filter("filters.classification", body.classification()), electionId(body.electionId()));
    }

    /** An election id as candidacies and voting records have them (until elections have a table of their own). */
    public static final Pattern ELECTION_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");

    private static String electionId(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!ELECTION_ID.matcher(value).matches()) {
            throw invalid("filters.electionId", "expected an election id: 1-64 of A-Z a-z 0-9 . _ : - starting with a letter or digit");
        }
        return value;
    }

    private static String filter(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_FILTER || hasControl(value)) {
            throw invalid(field, "at most " + MAX_FILTER + " characters, no control characters");
        }
        return value;
    }

    private static List<String> fields(List<String> fields, List<String> known) {
        if (fields == null || fields.isEmpty()) {
            throw invalid("fields", "name at least one member field: " + known);
        }
        if (fields.size() > known.size()) {
            throw invalid("fields", "at most " + known.size() + " fields");
        }
        Set<String> seen = new HashSet<>();
        List<String> checked = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            String field = fields.get(i);
            if (field == null || !known.contains(field)) {
                throw invalid("fields[" + i + "]", "unknown field" + (field == null || field.length() > 40 ? ""
                        : " \"" + field + "\"") + "; member fields are " + known);
            }
            if (!seen.add(field)) {
                throw invalid("fields[" + i + "]", field + " is named twice");
            }
            checked.add(field);
        }
        return checked;
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String field, String value) {
        if (value != null) {
            for (E constant : type.getEnumConstants()) {
                if (constant.name().equals(value)) {
                    return constant;
                }
            }
        }
        throw invalid(field, (value == null ? "required" : "unknown value") + "; expected one of " + EnumSet.allOf(type));
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(Character::isISOControl);
    }

    private static InvalidParameterException invalid(String field, String message) {
        return new InvalidParameterException(field, field + ": " + message);
    }
}
