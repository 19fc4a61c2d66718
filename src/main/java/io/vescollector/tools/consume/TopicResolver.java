package io.vescollector.tools.consume;

import io.vescollector.route.RoutingTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Domains to topics through the collector's own routing table, so {@code consume --domain fault} reads
 * exactly where {@code serve} with the same configuration writes. {@code stndDefined} means every
 * namespace topic and the fallback topic.
 */
public final class TopicResolver {
  private final RoutingTable table;

  public TopicResolver(RoutingTable table) {
    this.table = table;
  }

  public List<String> topicsFor(List<String> domains) {
    Set<String> topics = new LinkedHashSet<>();
    for (String domain : domains) {
      if ("stndDefined".equals(domain)) {
        topics.addAll(table.namespaces().values());
        topics.add(table.fallbackTopic());
      } else {
        topics.add(table.topicForDomain(domain));
      }
    }
    return List.copyOf(topics);
  }
}
