package org.membergateway.policy;

/**
 * How many member rows a request reaches, for row caps (policies/rules.yml). Declared here and
 * answered by the members capability, which owns the member table and the one place its selection
 * SQL is written.
 */
public interface MemberCounts {

    /** The rows of the request's scope, audience and filters that the purpose's row set reaches. */
    long count(AccessRequest request, RowSet rows);
}
