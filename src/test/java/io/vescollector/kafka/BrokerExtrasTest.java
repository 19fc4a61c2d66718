package io.vescollector.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a test may add to the embedded broker, and what stays the broker's own. */
class BrokerExtrasTest {

  @Test
  void listenersKeepTheirOrderAndTakeAnyKafkaSecurityProtocol() {
    Map<String, String> listeners = new LinkedHashMap<>();
    listeners.put("SCRAM", "SASL_SSL");
    listeners.put("MTLS", "ssl");
    BrokerExtras extras = new BrokerExtras(listeners, Map.of("authorizer.class.name", "x"));

    assertEquals(List.of("SCRAM", "MTLS"), List.copyOf(extras.listeners().keySet()));
    assertThrows(UnsupportedOperationException.class, () -> extras.properties().put("a", "b"));
  }

  @Test
  void theBrokersOwnListenersAndPlacementKeysAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new BrokerExtras(Map.of("plaintext", "SSL"), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new BrokerExtras(Map.of("CONTROLLER", "SSL"), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new BrokerExtras(Map.of("TLS-1", "SSL"), Map.of()));
    assertThrows(IllegalArgumentException.class, () -> new BrokerExtras(Map.of("TLS", "TLS"), Map.of()));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new BrokerExtras(Map.of(), Map.of("listeners", "SSL://127.0.0.1:9093")));
    assertTrue(e.getMessage().contains("'listeners'"), e.getMessage());
  }
}
