package org.membergateway.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.membergateway.audit.GroupCommitAuditTrail;
import org.membergateway.exports.ExportBuilder;
import org.membergateway.policy.DecisionService;
import org.membergateway.policy.Outcome;
import org.membergateway.signin.GatewayAuthenticator;

/**
 * The gateway's own metrics (README, Operations): what the services count where it happens, handed
 * to them by their constructors. Labels are closed sets (the decision outcomes) and values are
 * counts and durations only: no name, scope, username or member value ever becomes a label, so
 * the exposition cannot carry member data or grow without bound.
 */
public final class GatewayMetrics implements DecisionService.DecisionCounter, ExportBuilder.ExportCounter,
        GroupCommitAuditTrail.AppendTimer, GatewayAuthenticator.LockoutCounter {

    /**
     * Seconds from 0.5 ms to 10 s: an append commits in a millisecond or two when the database keeps up,
     * and the commit timeout (10 s by default) refuses the operation beyond the last bucket.
     */
    static final double[] APPEND_BUCKETS = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private final Counter decisions;
    private final Counter exports;
    private final Counter exportRows;
    private final Histogram auditAppend;
    private final Counter lockouts;

    private GatewayMetrics(PrometheusRegistry registry) {
        decisions = Counter.builder().name("gateway_decisions_total")
                .help("Decisions of the policy engine, by outcome (ALLOW, REQUIRE_APPROVAL, DENY)")
                .labelNames("outcome").register(registry);
        // Every outcome present from the start, so a rate over it is 0, not absent.
        for (Outcome outcome : Outcome.values()) {
            decisions.labelValues(outcome.name());
        }
        exports = Counter.builder().name("gateway_exports_total")
                .help("Exports built and stored (READY)").register(registry);
        exportRows = Counter.builder().name("gateway_export_rows_total")
                .help("Rows written into built exports").register(registry);
        auditAppend = Histogram.builder().name("gateway_audit_append_seconds")
                .help("Time from an audit append to its commit, as the waiting request sees it")
                .unit(io.prometheus.metrics.model.snapshots.Unit.SECONDS)
                .classicOnly().classicUpperBounds(APPEND_BUCKETS).withoutExemplars().register(registry);
        lockouts = Counter.builder().name("gateway_lockouts_total")
                .help("Sign-in names locked after too many failed attempts").register(registry);
    }

    /** Registers the gateway's metrics in {@code registry} (one set per registry). */
    public static GatewayMetrics register(PrometheusRegistry registry) {
        return new GatewayMetrics(registry);
    }

    @Override
    public void decided(Outcome outcome) {
        decisions.labelValues(outcome.name()).inc();
    }

    @Override
    public void built(long rows) {
        exports.inc();
        exportRows.inc(rows);
    }

    @Override
    public void appended(long nanos) {
        auditAppend.observe(nanos / 1e9);
    }

    @Override
    public void lockedOut() {
        lockouts.inc();
    }
}
