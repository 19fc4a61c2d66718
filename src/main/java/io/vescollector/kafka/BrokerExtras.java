package io.vescollector.kafka;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.security.auth.SecurityProtocol;

/**
 * What an {@link EmbeddedKafkaBroker} adds to its defaults, so that a test can run it as a secured cluster is run
 * (SASL_SSL and SSL listeners, an authorizer, super users) without a second broker class.
 *
 * <p>Each extra listener gets a free port of its own on 127.0.0.1 at the first start, kept across
 * {@link EmbeddedKafkaBroker#restart()}, and is added to {@code listeners}, {@code advertised.listeners} and
 * {@code listener.security.protocol.map}. The PLAINTEXT listener (the broker's port, also the inter-broker listener)
 * and the CONTROLLER listener stay as they are. The properties are set after the broker's defaults and so replace
 * them ({@code authorizer.class.name}, {@code super.users}, {@code ssl.*}, {@code sasl.*},
 * {@code listener.name.<name>.*}, ...); the keys that place the node and its listeners are the broker's own and are
 * refused here.
 *
 * @param listeners  listener name (letters, digits, {@code _}; not PLAINTEXT or CONTROLLER) to its security protocol
 *                   ({@code SASL_SSL}, {@code SSL}, ...), in the order they are to be listed
 * @param properties broker properties set after the defaults
 */
public record BrokerExtras(Map<String, String> listeners, Map<String, String> properties) {

  /** No extra listener, no property: the broker as {@code serve}, {@code broker} and the test kit run it. */
  public static final BrokerExtras NONE = new BrokerExtras(Map.of(), Map.of());

  /** Keys the broker derives from its ports, node and data dir; setting them here would break those. */
  static final Set<String> MANAGED_KEYS = Set.of("process.roles", "node.id", "controller.quorum.voters",
      "controller.listener.names", "listeners", "advertised.listeners", "listener.security.protocol.map",
      "inter.broker.listener.name", "log.dirs");

  public BrokerExtras {
    listeners = Collections.unmodifiableMap(new LinkedHashMap<>(listeners));
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
    for (var listener : listeners.entrySet()) {
      String name = listener.getKey();
      if (!name.matches("[A-Za-z0-9_]+")) {
        throw new IllegalArgumentException("listener name '" + name + "': letters, digits and '_' only");
      }
      String upper = name.toUpperCase(Locale.ROOT);
      if (upper.equals("PLAINTEXT") || upper.equals("CONTROLLER")) {
        throw new IllegalArgumentException("listener name '" + name + "' is the broker's own");
      }
      SecurityProtocol.forName(listener.getValue()); // IllegalArgumentException for an unknown protocol
    }
    for (String key : properties.keySet()) {
      if (MANAGED_KEYS.contains(key)) {
        throw new IllegalArgumentException("'" + key + "' is set by the embedded broker itself; extra listeners"
            + " are given as listeners, not as properties");
      }
    }
  }
}
