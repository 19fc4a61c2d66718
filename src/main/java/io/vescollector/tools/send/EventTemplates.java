package io.vescollector.tools.send;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The project's sample events ({@code samples/v7}, packed into the jar) as templates: every generated
 * event is a real, schema-valid event of its domain with only identity and times changed.
 */
public final class EventTemplates {
  /** Every VES 7.2.1 domain the generator knows, each with a sample in {@code samples/v7}. */
  public static final List<String> DOMAINS = List.of("fault", "heartbeat", "measurement", "mobileFlow",
      "notification", "other", "perf3gpp", "pnfRegistration", "sipSignaling", "stateChange", "stndDefined",
      "syslog", "thresholdCrossingAlert", "voiceQuality");

  private final Map<String, ObjectNode> events;

  private EventTemplates(Map<String, ObjectNode> events) {
    this.events = events;
  }

  /** Loads the templates of the given domains; an unknown domain is an error naming the known ones. */
  public static EventTemplates load(ObjectMapper mapper, List<String> domains) {
    Map<String, ObjectNode> events = new LinkedHashMap<>();
    for (String domain : domains) {
      if (!DOMAINS.contains(domain)) {
        throw new IllegalArgumentException("unknown domain '" + domain + "'; known: " + String.join(", ", DOMAINS));
      }
      String resource = "/samples/v7/" + domain + ".json";
      try (InputStream in = EventTemplates.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException(resource + " is missing from the classpath");
        }
        events.put(domain, (ObjectNode) mapper.readTree(in).get("event"));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + resource, e);
      }
    }
    return new EventTemplates(events);
  }

  public List<String> domains() {
    return List.copyOf(events.keySet());
  }

  /** The template event (the object inside {@code "event"}); shared, so callers copy or restore it. */
  ObjectNode event(String domain) {
    return events.get(domain);
  }
}
