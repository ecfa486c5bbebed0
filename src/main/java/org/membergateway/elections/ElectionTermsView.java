package org.membergateway.elections;

import java.util.LinkedHashMap;
import java.util.Map;
import org.membergateway.policy.Channel;

/**
 * {@code GET /api/v1/elections/{id}/terms}: the published terms for distributing a candidate's
 * literature, the same for every candidate of the election (29 CFR 452.67–452.69). {@code rates}
 * holds EMAIL only when the election has an email vendor: a rate for a channel the union does not
 * offer in that election would promise what it cannot deliver.
 *
 * @param rates cents per piece, by channel
 */
public record ElectionTermsView(Map<Channel, Integer> rates, boolean paymentInAdvance, int leadDays) {

    public static ElectionTermsView of(Election election) {
        Map<Channel, Integer> rates = new LinkedHashMap<>();
        rates.put(Channel.MAIL, election.terms().mailRateCents());
        if (election.emailVendorId() != null) {
            rates.put(Channel.EMAIL, election.terms().emailRateCents());
        }
        return new ElectionTermsView(java.util.Collections.unmodifiableMap(rates), election.terms().paymentInAdvance(),
                election.terms().leadDays());
    }
}
