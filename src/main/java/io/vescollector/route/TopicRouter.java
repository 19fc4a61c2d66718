package io.vescollector.route;

import com.fasterxml.jackson.databind.JsonNode;
import io.vescollector.answer.VesError;
import io.vescollector.answer.VesException;
import io.vescollector.answer.VesProblem;

/**
 * Picks the Kafka topic of a validated event: by {@code commonEventHeader.domain}, or for stndDefined
 * events by {@code stndDefinedNamespace}. A batch goes whole to one topic, since the batch rules have
 * already made its events share domain and namespace.
 */
public final class TopicRouter {
  private final RoutingTable table;

  public TopicRouter(RoutingTable table) {
    this.table = table;
  }

  public String topicFor(JsonNode header) {
    String domain = header.path("domain").asText();
    if (!"stndDefined".equals(domain)) {
      return table.topicForDomain(domain);
    }
    String namespace = header.path("stndDefinedNamespace").asText();
    String topic = table.topicForNamespace(namespace);
    if (topic != null) {
      return topic;
    }
    if (table.unmappedNamespace() == RoutingTable.UnmappedNamespace.REJECT) {
      throw new VesException(VesProblem.of(VesError.SVC2004, "attribute",
          "event.commonEventHeader.stndDefinedNamespace",
          "no topic is configured for stndDefined namespace '" + namespace + "' (Unable to route event)"));
    }
    return table.fallbackTopic();
  }
}
