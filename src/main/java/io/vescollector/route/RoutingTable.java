package io.vescollector.route;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Domain and stndDefined-namespace to topic map. Defaults are ONAP's topic names; a domain with no
 * entry gets {@code unauthenticated.SEC_<DOMAIN>_OUTPUT}, the name ONAP's convention gives it.
 *
 * @param rejectedTopic where copies of refused requests go; empty when none are kept
 */
public record RoutingTable(Map<String, String> domains, Map<String, String> namespaces,
                           UnmappedNamespace unmappedNamespace, String fallbackTopic, String rejectedTopic) {

  /** What to do with a stndDefined namespace that has no topic. */
  public enum UnmappedNamespace { FALLBACK, REJECT }

  public RoutingTable {
    domains = Map.copyOf(domains);
    namespaces = Map.copyOf(namespaces);
  }

  /** True when refused requests are copied to {@link #rejectedTopic}. */
  public boolean keepsRejected() {
    return !rejectedTopic.isEmpty();
  }

  public String topicForDomain(String domain) {
    String topic = domains.get(domain);
    return topic != null ? topic : "unauthenticated.SEC_" + domain.toUpperCase(Locale.ROOT) + "_OUTPUT";
  }

  /** Every topic the table names: the domains', the namespaces', the fallback and the rejected-events topic. */
  public Set<String> topics() {
    Set<String> all = new TreeSet<>(domains.values());
    all.addAll(namespaces.values());
    all.add(fallbackTopic);
    if (keepsRejected()) {
      all.add(rejectedTopic);
    }
    return all;
  }

  /** The namespace's topic, or null when it has none. */
  public String topicForNamespace(String namespace) {
    return namespaces.get(namespace);
  }
}
