package org.membergateway.elections;

/**
 * The published terms on which the union distributes a candidate's literature at the candidate's
 * expense (confidentiality §5; 29 CFR 452.67–452.69): the same for every candidate of an election.
 *
 * @param mailRateCents    cost per postal piece, in cents
 * @param emailRateCents   cost per email, in cents
 * @param paymentInAdvance whether the cost is paid before the mailing goes out (then for everyone)
 * @param leadDays         days between approval and the earliest delivery
 * @param sha256           SHA-256 (hex) of the policies/elections.yml the terms were taken from
 */
public record ElectionTerms(int mailRateCents, int emailRateCents, boolean paymentInAdvance, int leadDays,
                            String sha256) {
}
