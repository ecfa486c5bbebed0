package org.membergateway.policy;

/**
 * How many member rows a request reaches, for row caps (policies/rules.yml) and for the request
 * form's check. Declared here and answered by the members capability, which owns the member table
 * and the one place its selection SQL is written.
 */
public interface MemberCounts {

    /**
     * The rows of the request's scope, audience and filters that the purpose's row set reaches and
     * the request's channel can reach: the rows its list would have.
     */
    long count(AccessRequest request, RowSet rows);

    /** Both counts of a request: the members it is about, and how many of them its channel reaches. */
    Reach reach(AccessRequest request, RowSet rows);

    /**
     * @param inScope members of the scope, audience, row set and filters
     * @param reachable those of them reachable on the channel through the requested fields: the list's rows
     */
    record Reach(long inScope, long reachable) {
    }
}
