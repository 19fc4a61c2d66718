package io.vescollector.config;

import io.vescollector.route.RoutingTable;

/** Reads {@code routing.*} into the {@link RoutingTable} the router and the rejected-events copier use. */
public final class RoutingTableReader {
  private RoutingTableReader() {}

  public static RoutingTable read(Settings s) {
    return new RoutingTable(s.map(ConfigKeys.ROUTING_DOMAINS), s.map(ConfigKeys.ROUTING_NAMESPACES),
        s.choice(ConfigKeys.ROUTING_UNMAPPED_NAMESPACE, RoutingTable.UnmappedNamespace.class),
        s.string(ConfigKeys.ROUTING_FALLBACK_TOPIC), s.string(ConfigKeys.ROUTING_REJECTED_TOPIC).trim());
  }
}
