package io.vescollector.hvves;

import io.vescollector.security.SecurityConfig;
import java.util.Map;

/**
 * The HV-VES listener's settings ({@code hvVes.*}), read by the configuration and handed over as plain
 * values, so that this package never reads the configuration itself.
 *
 * @param host address to bind (the VES listener's)
 * @param port TCP port; 0 = any free one
 * @param idleTimeoutSeconds a connection that sends nothing for this long is closed (not while the
 *     collector itself has stopped reading it)
 * @param maxPayloadBytes largest WTP payload; a frame announcing more ends its connection
 * @param maxConnections open connections at most; one more is closed at once
 * @param maxInFlightPerConnection records of one connection waiting for Kafka at most; at the bound the
 *     connection is no longer read until Kafka acknowledges some
 * @param routes domain, or stndDefined namespace, to Kafka topic; events matching none are dropped
 * @param collectorId written to each record's {@code ves-collector-id} header
 * @param security the VES listener's TLS and certificate rules, which HV-VES follows: TLS when a
 *     certificate is configured, and then, unless {@code auth.method} is none, a client certificate whose
 *     subject matches {@code auth.certSubjectPattern} (HV-VES has no other way to authenticate)
 */
public record HvVesConfig(boolean enabled, String host, int port, int idleTimeoutSeconds, int maxPayloadBytes,
                          int maxConnections, int maxInFlightPerConnection, Map<String, String> routes,
                          String collectorId, SecurityConfig security) {

  /** The same settings on {@code newPort}: a configured port 0 is resolved before the listener starts. */
  public HvVesConfig withPort(int newPort) {
    return new HvVesConfig(enabled, host, newPort, idleTimeoutSeconds, maxPayloadBytes, maxConnections,
        maxInFlightPerConnection, routes, collectorId, security);
  }

  /** ONAP's payload limit: 1 MiB, equality included. */
  public static final int ONAP_MAX_PAYLOAD_BYTES = 1 << 20;

  public HvVesConfig {
    routes = Map.copyOf(routes);
  }
}
