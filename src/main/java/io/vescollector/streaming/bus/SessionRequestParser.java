package io.vescollector.streaming.bus;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.streaming.StreamInfo;
import io.vescollector.streaming.StreamInfoValidator;
import io.vescollector.streaming.target.StreamingErrors.StreamError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a session request: brokerEndpoints (bootstrapServers and topic required, securityProtocol one
 * of Kafka's, default PLAINTEXT) and streams, each a streamInfo checked as the streaming target checks
 * it. The simulator produces only PERFORMANCE streams in GPB, so it refuses the others by name.
 */
public final class SessionRequestParser {

  /** The request, or the reasons it was refused (failedConnectionResponse shape). */
  public record Parsed(SessionRequest request, List<StreamError> errors) {}

  private final StreamInfoValidator validator = new StreamInfoValidator();

  public Parsed parse(JsonNode body) {
    List<StreamError> errors = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return refused("the body must be a JSON session request {consumer, brokerEndpoints, streams}");
    }
    JsonNode consumer = body.get("consumer");
    if (consumer != null && !consumer.isTextual()) {
      errors.add(new StreamError(null, "consumer must be a string (a DN)"));
    }
    List<BrokerEndpoint> endpoints = new ArrayList<>();
    JsonNode eps = body.get("brokerEndpoints");
    if (eps == null || !eps.isArray() || eps.isEmpty()) {
      errors.add(new StreamError(null, "brokerEndpoints must be a non-empty array of {bootstrapServers, topic, securityProtocol}"));
    } else {
      for (int i = 0; i < eps.size(); i++) {
        endpoint(eps.get(i), i, endpoints, errors);
      }
    }
    List<StreamInfo> streams = new ArrayList<>();
    JsonNode list = body.get("streams");
    if (list == null || !list.isArray() || list.isEmpty()) {
      errors.add(new StreamError(null, "streams must be a non-empty array of streamInfo"));
    } else {
      Set<String> seen = new HashSet<>();
      for (JsonNode s : list) {
        StreamInfoValidator.Checked checked = validator.check(s);
        if (!checked.valid()) {
          errors.add(new StreamError(checked.streamId(), checked.reason()));
        } else if (!checked.info().decoded()) {
          errors.add(new StreamError(checked.streamId(), "this producer streams only PERFORMANCE data in GPB"));
        } else if (!seen.add(checked.streamId())) {
          errors.add(new StreamError(checked.streamId(), "streamId given twice"));
        } else {
          streams.add(checked.info());
        }
      }
    }
    if (!errors.isEmpty()) {
      return new Parsed(null, errors);
    }
    return new Parsed(new SessionRequest(consumer == null ? null : consumer.asText(), endpoints, streams), List.of());
  }

  private static void endpoint(JsonNode e, int i, List<BrokerEndpoint> out, List<StreamError> errors) {
    String where = "brokerEndpoints[" + i + "]";
    String servers = text(e, "bootstrapServers");
    String topic = text(e, "topic");
    String protocol = text(e, "securityProtocol");
    if (servers == null || topic == null) {
      errors.add(new StreamError(null, where + ": bootstrapServers and topic are required strings"));
      return;
    }
    if (protocol == null) {
      protocol = "PLAINTEXT";
    } else if (!BrokerEndpoint.SECURITY_PROTOCOLS.contains(protocol)) {
      errors.add(new StreamError(null, where + ": securityProtocol must be one of " + BrokerEndpoint.SECURITY_PROTOCOLS));
      return;
    }
    String mechanism = text(e, "saslMechanism");
    if (protocol.startsWith("SASL") != (mechanism != null)) {
      errors.add(new StreamError(null, where + ": saslMechanism goes with, and only with, a SASL securityProtocol"));
      return;
    }
    out.add(new BrokerEndpoint(servers, topic, protocol, mechanism, text(e, "saslUsername"), text(e, "saslPassword")));
  }

  private static String text(JsonNode node, String name) {
    JsonNode v = node.get(name);
    return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
  }

  private static Parsed refused(String reason) {
    return new Parsed(null, List.of(new StreamError(null, reason)));
  }
}
