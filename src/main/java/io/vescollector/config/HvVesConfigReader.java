package io.vescollector.config;

import io.vescollector.hvves.HvVesConfig;
import io.vescollector.security.AuthMethod;
import io.vescollector.security.SecurityConfig;
import java.util.Locale;
import java.util.Map;

/** Reads {@code hvVes.*}, the HV-VES listener's settings, refusing values it cannot serve. */
public final class HvVesConfigReader {
  private HvVesConfigReader() {}

  /**
   * @param server the VES listener's settings: the address to bind, and the body size that sizes the
   *     producer's requests, which an HV-VES payload may not exceed
   * @param security the VES listener's TLS and authentication, which HV-VES follows with certificates only
   */
  public static HvVesConfig read(Settings s, CollectorConfig.Server server, String collectorId,
                                 SecurityConfig security) {
    boolean enabled = s.bool(ConfigKeys.HV_VES_ENABLED);
    if (enabled && security.method() != AuthMethod.NONE && security.trustFile() == null) {
      throw new ConfigException(ConfigKeys.HV_VES_ENABLED.name() + " with " + ConfigKeys.AUTH_METHOD.name() + " "
          + security.method().name().toLowerCase(Locale.ROOT) + " needs " + ConfigKeys.TLS_TRUST_FILE.name()
          + ": HV-VES clients can only authenticate with a certificate");
    }
    int port = s.intAtLeast(ConfigKeys.HV_VES_PORT, 0);
    if (port > 65_535) {
      throw new ConfigException(ConfigKeys.HV_VES_PORT.name() + ": must be a TCP port, at most 65535, found " + port);
    }
    int maxPayload = s.intAtLeast(ConfigKeys.HV_VES_MAX_PAYLOAD_BYTES, 1);
    if (enabled && maxPayload > server.maxBodyBytes()) {
      throw new ConfigException(ConfigKeys.HV_VES_MAX_PAYLOAD_BYTES.name() + " (" + maxPayload + ") is above "
          + ConfigKeys.SERVER_MAX_BODY_BYTES.name() + " (" + server.maxBodyBytes()
          + "), which sizes the Kafka producer's requests: raise that too");
    }
    int inFlight = s.intAtLeast(ConfigKeys.HV_VES_MAX_IN_FLIGHT_PER_CONNECTION, 1);
    if (inFlight > 1_000_000) {
      throw new ConfigException(ConfigKeys.HV_VES_MAX_IN_FLIGHT_PER_CONNECTION.name() + " must be 1..1000000, found "
          + inFlight);
    }
    Map<String, String> routes = s.map(ConfigKeys.HV_VES_ROUTES);
    routes.forEach((key, topic) -> {
      if (topic.isBlank()) {
        throw new ConfigException(ConfigKeys.HV_VES_ROUTES + "." + key + ": the topic is empty");
      }
    });
    return new HvVesConfig(enabled, server.host(), port,
        s.intAtLeast(ConfigKeys.HV_VES_IDLE_TIMEOUT_SECONDS, 1), maxPayload,
        s.intAtLeast(ConfigKeys.HV_VES_MAX_CONNECTIONS, 1), inFlight, routes, collectorId, security);
  }
}
