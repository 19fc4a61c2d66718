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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds {@link Settings} from the bundled defaults ({@code config/collector.yaml}, packed into the
 * jar), an optional user file, environment variables and command-line overrides, in that order.
 * An unknown key is an error that names the nearest known key, so a typo never passes silently.
 *
 * <p>Environment variables name a key in one of two ways. {@code VES_} followed by the key exactly as
 * written ({@code VES_kafka.producer.sasl.jaas.config}, {@code VES_auth.users.pnf-1}): dots, dashes and
 * case survive, so any key can be set, map entries included; such a variable naming no key stops
 * start-up. Or, for keys that already have a value (every documented key, and map entries the YAML
 * holds), {@code VES_} and the key in upper case with dots as underscores ({@code VES_SERVER_PORT}); a
 * variable of this form that names nothing is logged and left alone, since orchestrators set
 * {@code VES_...} variables of their own (Kubernetes' service links for a service named ves).
 */
public final class SettingsLoader {
  /** The project's documented configuration file, also the source of every default. */
  public static final String DEFAULTS_RESOURCE = "/config/collector.yaml";
  /** The prefix of every environment variable the collector reads. */
  public static final String ENV_PREFIX = "VES_";
  private static final Logger LOG = LoggerFactory.getLogger(SettingsLoader.class);
  /** Kubernetes' service links for a service named ves: VES_SERVICE_HOST, VES_PORT_8080_TCP, ... */
  private static final Pattern SERVICE_LINK = Pattern.compile("VES_(SERVICE_(HOST|PORT)(_.*)?|PORT(_.*)?)");

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
    merge(values, fromEnvironment(environment, values.keySet()), "the environment");
    merge(values, overrides, "the command line");
    return new Settings(values);
  }

  /** The keys and values the environment sets, by the two naming rules of the class comment. */
  private static Map<String, String> fromEnvironment(Map<String, String> environment, Set<String> keysWithValues) {
    Map<String, String> byUpperCaseName = new LinkedHashMap<>();
    for (String key : keysWithValues) {
      byUpperCaseName.put(new ConfigKey(key, "", "").environmentVariable(), key);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : new TreeMap<>(environment).entrySet()) {
      String name = e.getKey();
      if (!name.startsWith(ENV_PREFIX) || name.length() == ENV_PREFIX.length()) {
        continue;
      }
      String exact = name.substring(ENV_PREFIX.length());
      if (exact.contains(".")) {
        if (!isKnown(exact)) {
          throw new ConfigException("unknown configuration key '" + exact + "' in the environment variable " + name
              + "; did you mean '" + nearestKnown(exact) + "'?");
        }
        out.put(exact, e.getValue());
      } else if (byUpperCaseName.containsKey(name)) {
        out.putIfAbsent(byUpperCaseName.get(name), e.getValue()); // the exact form wins over this one
      } else if (!SERVICE_LINK.matcher(name).matches()) {
        LOG.warn("The environment variable {} names no configuration key and is ignored (nearest: {}; a map entry "
            + "such as kafka.producer.* is set as {}<key as written>)", name, nearestKnown(exact.replace('_', '.')),
            ENV_PREFIX);
      }
    }
    return out;
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
