package org.membergateway.vendors;

import java.util.List;

/**
 * The most member data an agreement for one service may name (policies/vendor-services.yml).
 *
 * @param service the service
 * @param clause the union's text it rests on, e.g. {@code confidentiality §3}
 * @param description what the vendor does with the data; an agreement's purpose when it gives none
 * @param fields the member fields the service may receive, in catalogue order
 * @param statusFields the membership-status fields among {@code fields} (confidentiality §4); empty
 *     for services that do not need membership status
 * @param statusJustification why the service needs them; null when {@code statusFields} is empty
 * @param audiences whose rows the service may have (a benefit carrier: the benefit's holders, MEMBERS)
 */
public record ServiceProfile(ServiceKind service, String clause, String description, List<String> fields,
                             List<String> statusFields, String statusJustification,
                             java.util.Set<org.membergateway.policy.Audience> audiences) {

    public ServiceProfile {
        fields = List.copyOf(fields);
        statusFields = List.copyOf(statusFields);
        audiences = java.util.Set.copyOf(audiences);
    }

    public boolean allows(String field) {
        return fields.contains(field);
    }

    public boolean needsMembershipStatus() {
        return !statusFields.isEmpty();
    }
}
