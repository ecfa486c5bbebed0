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
 */
public record FieldCatalogue(Map<String, Category> categories, Set<String> sensitive, Set<String> vendorsOnlyWhenNeeded,
                             Map<Purpose, Map<Channel, List<String>>> purposeFields) {

    public enum Category { IDENTIFIER, NAME, WORK, MEMBERSHIP_STATUS, HOME_ADDRESS, PHONE, EMAIL, BIRTH_DATE, LANGUAGE, LEADERSHIP }

    /** Every member field, in catalogue (and CSV) order. */
    public List<String> fields() {
        return List.copyOf(categories.keySet());
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
