package org.membergateway.metrics;

import com.codahale.metrics.MetricFilter;
import com.codahale.metrics.MetricRegistry;
import io.prometheus.metrics.instrumentation.dropwizard.DropwizardExports;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.PrometheusNaming;
import java.util.HashSet;
import java.util.Set;

/**
 * The Dropwizard registry in the Prometheus exposition, one metric per Prometheus name. Names that
 * differ in Dropwizard can meet once written the Prometheus way: Jersey times each resource method
 * as {@code Resource.method} and again as {@code Resource.method.total}, and the suffix
 * {@code _total} is not part of a Prometheus name, so both become {@code Resource_method}, and the
 * client refuses the whole scrape over one such pair. The first of each name (in the registry's
 * sorted order: the method's own timer) is kept and the later ones left out. Dropwizard's JVM
 * metrics are left out too: the client's own JVM instrumentation is registered beside this.
 */
final class DropwizardBridge implements MultiCollector {

    private final MetricRegistry registry;

    DropwizardBridge(MetricRegistry registry) {
        this.registry = registry;
    }

    @Override
    public MetricSnapshots collect() {
        // A fresh filter each scrape: the registry gains metrics as resources and pools are first used.
        Set<String> seen = new HashSet<>();
        // The JVM's metrics come from the Prometheus client's own instrumentation (PrometheusEndpoint),
        // under the names dashboards expect; Dropwizard's copies of them would only compete.
        MetricFilter firstOfEachName = (name, metric) -> !name.startsWith("jvm.") && seen.add(prometheusName(name));
        return new DropwizardExports(registry, firstOfEachName).collect();
    }

    /** As the exposition writes the name: sanitized, reserved suffixes dropped, dots as underscores. */
    static String prometheusName(String dropwizardName) {
        String sanitized = PrometheusNaming.sanitizeMetricName(dropwizardName).replace('.', '_');
        return PrometheusNaming.prometheusName(sanitized);
    }
}
