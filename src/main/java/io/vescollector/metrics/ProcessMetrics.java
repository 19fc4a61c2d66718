package io.vescollector.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.transport.Transport;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.util.List;

/**
 * The registry {@code serve} exposes on /metrics and the Vert.x that reports to it: Vert.x's own metrics
 * (pools, verticles), the JVM's (memory, GC, threads, class loading, CPU: vertx-micrometer-metrics binds
 * Micrometer's JVM binders) and, once the collector starts on it, the collector's. One place, so that the
 * test that checks the dashboard's and the alert rules' metric names sees what {@code serve} exposes.
 */
public final class ProcessMetrics {
  private ProcessMetrics() {}

  public static PrometheusMeterRegistry registry() {
    return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  }

  /**
   * A Vert.x on {@code transport} reporting to {@code registry}. Vert.x's per-request HTTP and per-read network
   * meters are off: they look meters up by tags on every request, and ves_requests already counts requests by
   * version and status.
   */
  public static Vertx vertx(PrometheusMeterRegistry registry, Transport transport) {
    MicrometerMetricsOptions metrics = new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true);
    for (MetricsDomain perRequest : List.of(MetricsDomain.HTTP_SERVER, MetricsDomain.HTTP_CLIENT,
        MetricsDomain.NET_SERVER, MetricsDomain.NET_CLIENT, MetricsDomain.EVENT_BUS)) {
      metrics.addDisabledMetricsCategory(perRequest);
    }
    return Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(metrics))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .withTransport(transport)
        .build();
  }
}
