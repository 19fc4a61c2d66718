package io.vescollector.hvves;

import io.vescollector.hvves.proto.CommonEventHeader;
import java.util.Map;

/**
 * ONAP HV-VES's routing: an event of domain {@code stndDefined} goes by its {@code stndDefinedNamespace},
 * any other by its domain, to the topic whose key matches exactly (case counts). Domains and namespaces
 * share one set of keys, as in ONAP. An event that matches no key has no topic and is dropped.
 */
final class HvVesRoutes {
  static final String STND_DEFINED = "stndDefined";

  private final Map<String, String> topics;

  HvVesRoutes(Map<String, String> topics) {
    this.topics = Map.copyOf(topics);
  }

  /** The topic, or null. */
  String topicFor(CommonEventHeader header) {
    String key = STND_DEFINED.equals(header.getDomain()) ? header.getStndDefinedNamespace() : header.getDomain();
    return topics.get(key);
  }
}
