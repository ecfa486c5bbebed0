package org.membergateway.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The member fields (the columns of the members CSV), their categories, and the fields each purpose
 * may have on each channel (policies/fields.yml).
 *
 * @param categories each field's category, in catalogue order
 * @param sensitive fields the policy calls sensitive (confidentiality §10)
 * @param vendorsOnlyWhenNeeded fields that, like membership status, go to a vendor only when its service
 *     specifically needs them (confidentiality §4 names home phone and home email)
 * @param purposeFields per purpose and channel, the fields allowed, in catalogue order
 * @param recordFields the fields that are not member columns but belong to a row set's own records
 *     (election_id, voted, method of {@link RowSet#VOTING_RECORDS}), with that row set; they are in
 *     {@code categories} too, after the member fields
 */
public record FieldCatalogue(Map<String, Category> categories, Set<String> sensitive, Set<String> vendorsOnlyWhenNeeded,
                             Map<Purpose, Map<Channel, List<String>>> purposeFields, Map<String, RowSet> recordFields) {

    public enum Category { IDENTIFIER, NAME, WORK, MEMBERSHIP_STATUS, HOME_ADDRESS, PHONE, EMAIL, BIRTH_DATE, LANGUAGE, LEADERSHIP,
        /** What a voting record says about one election: which, whether the member voted, how (AP&P XVI §6(e)). */
        VOTING }

    public FieldCatalogue {
        recordFields = recordFields == null ? Map.of() : Map.copyOf(recordFields);
    }

    /** Every field a request may name, in catalogue order: the member fields (CSV order), then the record fields. */
    public List<String> fields() {
        return List.copyOf(categories.keySet());
    }

    /** The member fields only (the columns of the members CSV), in catalogue order: what a vendor agreement may name. */
    public List<String> memberFields() {
        return categories.keySet().stream().filter(f -> !recordFields.containsKey(f)).toList();
    }

    public boolean known(String field) {
        return categories.containsKey(field);
    }

    public boolean isMembershipStatus(String field) {
        return categories.get(field) == Category.MEMBERSHIP_STATUS;
    }

    /**
     * Whether a vendor gets this field only under an agreement whose service needs it, with its
     * justification (confidentiality §4): membership status, and the personal contact details and
     * payroll data the clause gives as examples.
     */
    public boolean needsServiceJustification(String field) {
        return isMembershipStatus(field) || vendorsOnlyWhenNeeded.contains(field);
    }

    /** The fields {@code purpose} may have on {@code channel}; empty if that channel is not one for it. */
    public Optional<List<String>> allowed(Purpose purpose, Channel channel) {
        Map<Channel, List<String>> byChannel = purposeFields.get(purpose);
        return byChannel == null ? Optional.empty() : Optional.ofNullable(byChannel.get(channel));
    }
}
