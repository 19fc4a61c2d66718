package io.vescollector.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds {@link Settings} from the bundled defaults ({@code config/collector.yaml}, packed into the
 * jar), an optional user file, environment variables and command-line overrides, in that order.
 * An unknown key is an error that names the nearest known key, so a typo never passes silently.
 */
public final class SettingsLoader {
  /** The project's documented configuration file, also the source of every default. */
  public static final String DEFAULTS_RESOURCE = "/config/collector.yaml";

  private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

  public Settings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new LinkedHashMap<>();
    ConfigKeys.ALL.forEach(k -> values.put(k.name(), k.defaultValue()));
    try (InputStream in = SettingsLoader.class.getResourceAsStream(DEFAULTS_RESOURCE)) {
      if (in == null) {
        throw new ConfigException("the bundled " + DEFAULTS_RESOURCE + " is missing from the classpath");
      }
      merge(values, flatten(yaml.readTree(in)), "the bundled defaults");
    } catch (IOException e) {
      throw new ConfigException("cannot read the bundled defaults: " + e.getMessage(), e);
    }
    if (file != null) {
      if (!Files.isRegularFile(file)) {
        throw new ConfigException("configuration file " + file + " does not exist");
      }
      try {
        JsonNode tree = yaml.readTree(file.toFile());
        merge(values, flatten(tree), file.toString());
      } catch (IOException e) {
        throw new ConfigException(file + ": not valid YAML: " + e.getMessage(), e);
      }
    }
    for (String key : Set.copyOf(values.keySet())) {
      String fromEnv = environment.get(new ConfigKey(key, "", "").environmentVariable());
      if (fromEnv != null) {
        values.put(key, fromEnv);
      }
    }
    merge(values, overrides, "the command line");
    return new Settings(values);
  }

  private static void merge(Map<String, String> into, Map<String, String> from, String origin) {
    for (Map.Entry<String, String> e : from.entrySet()) {
      String key = e.getKey();
      if (!isKnown(key)) {
        throw new ConfigException("unknown configuration key '" + key + "' in " + origin
            + "; did you mean '" + nearestKnown(key) + "'?");
      }
      into.put(key, e.getValue());
    }
  }

  static boolean isKnown(String key) {
    return ConfigKeys.ALL.stream().anyMatch(k -> k.name().equals(key))
        || ConfigKeys.MAP_PREFIXES.stream().anyMatch(p -> key.startsWith(p + ".") && key.length() > p.length() + 1);
  }

  static String nearestKnown(String key) {
    Set<String> candidates = new TreeSet<>();
    ConfigKeys.ALL.forEach(k -> candidates.add(k.name()));
    ConfigKeys.MAP_PREFIXES.forEach(p -> candidates.add(p + ".<name>"));
    return candidates.stream().min(Comparator.comparingInt(c -> distance(c.toLowerCase(), key.toLowerCase()))).orElseThrow();
  }

  /** Flattens nested YAML mappings into dotted keys; scalars become strings, null becomes "". */
  private static Map<String, String> flatten(JsonNode tree) {
    Map<String, String> out = new LinkedHashMap<>();
    if (tree != null && !tree.isMissingNode() && !tree.isNull()) {
      if (!tree.isObject()) {
        throw new ConfigException("the configuration must be a YAML mapping at its top level");
      }
      flatten("", tree, out);
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      if (node.isEmpty() && !prefix.isEmpty()) {
        return;
      }
      node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else if (node.isArray()) {
      StringBuilder joined = new StringBuilder();
      node.forEach(item -> joined.append(joined.length() == 0 ? "" : ",").append(item.asText()));
      out.put(prefix, joined.toString());
    } else {
      out.put(prefix, node.isNull() ? "" : node.asText());
    }
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
