package org.membergateway.metrics;

import io.dropwizard.core.setup.Environment;
import io.prometheus.metrics.exporter.servlet.jakarta.PrometheusMetricsServlet;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code GET /prometheus} on the admin connector (which has no authentication and stays on
 * loopback, README Operations): the Prometheus text exposition of the gateway's own metrics, the
 * JVM's (the client's instrumentation) and, through the Dropwizard bridge, of Dropwizard's registry
 * (Jetty, the connection pools, the resources' timers, the sign-in cache gauges).
 */
public final class PrometheusEndpoint {

    public static final String PATH = "/prometheus";

    private PrometheusEndpoint() {
    }

    /**
     * Serves the exposition and returns the metrics the services count into. A registry of its own,
     * not the client's static default one: two applications in one JVM (tests) each expose theirs.
     */
    public static GatewayMetrics install(Environment environment) {
        PrometheusRegistry registry = new PrometheusRegistry();
        registry.register(new DropwizardBridge(environment.metrics()));
        // Memory, GC, threads, classes, buffers, CPU and the runtime, under the client's standard names.
        JvmMetrics.builder().register(registry);
        GatewayMetrics metrics = GatewayMetrics.register(registry);
        environment.admin().addServlet("prometheus", new PrometheusMetricsServlet(registry)).addMapping(PATH);
        return metrics;
    }
}
