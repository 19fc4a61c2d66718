package io.vescollector.streaming.bus;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The project's brokerEndpoint (not a 3GPP type): where the consumer wants a session's units
 * published. The password is write-only: it is never given back in a session resource.
 */
public record BrokerEndpoint(String bootstrapServers, String topic, String securityProtocol, String saslMechanism,
                             String saslUsername, String saslPassword) {
  public static final Set<String> SECURITY_PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");

  /** Kafka client properties for this endpoint (security only; the session adds the rest). */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, securityProtocol);
    if (saslMechanism != null) {
      props.put(SaslConfigs.SASL_MECHANISM, saslMechanism);
      if (saslUsername != null) {
        String module = saslMechanism.startsWith("SCRAM")
            ? "org.apache.kafka.common.security.scram.ScramLoginModule"
            : "org.apache.kafka.common.security.plain.PlainLoginModule";
        props.put(SaslConfigs.SASL_JAAS_CONFIG, module + " required username=\"" + escape(saslUsername)
            + "\" password=\"" + escape(saslPassword == null ? "" : saslPassword) + "\";");
      }
    }
    return props;
  }

  public ObjectNode toJson(ObjectMapper mapper) {
    ObjectNode node = mapper.createObjectNode();
    node.put("bootstrapServers", bootstrapServers).put("topic", topic).put("securityProtocol", securityProtocol);
    if (saslMechanism != null) {
      node.put("saslMechanism", saslMechanism);
    }
    if (saslUsername != null) {
      node.put("saslUsername", saslUsername);
    }
    return node;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
