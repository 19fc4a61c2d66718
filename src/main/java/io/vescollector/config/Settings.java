package io.vescollector.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolved configuration: defaults, then the YAML file, then environment variables, then command-line
 * options. Values are strings until a typed getter reads them, so a bad value is reported with its key.
 */
public final class Settings {
  private final Map<String, String> values;

  Settings(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  public String string(ConfigKey key) {
    return values.getOrDefault(key.name(), key.defaultValue());
  }

  public int integer(ConfigKey key) {
    return (int) longValue(key);
  }

  /** A whole number of at least {@code min} that fits an int; anything else is refused with its key. */
  public int intAtLeast(ConfigKey key, int min) {
    long value = longValue(key);
    if (value < min || value > Integer.MAX_VALUE) {
      throw new ConfigException(key.name() + ": must be at least " + min + ", found " + value);
    }
    return (int) value;
  }

  public long longValue(ConfigKey key) {
    String raw = string(key).trim();
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw new ConfigException(key.name() + ": expected a whole number, found '" + raw + "'");
    }
  }

  /** true or false, in any case; anything else is refused rather than read as false. */
  public boolean bool(ConfigKey key) {
    String raw = string(key).trim();
    if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(raw);
    }
    throw new ConfigException(key.name() + ": expected true or false, found '" + raw + "'");
  }

  public <E extends Enum<E>> E choice(ConfigKey key, Class<E> type) {
    String raw = string(key).trim();
    for (E constant : type.getEnumConstants()) {
      if (constant.name().equalsIgnoreCase(raw)) {
        return constant;
      }
    }
    throw new ConfigException(key.name() + ": '" + raw + "' is not one of "
        + Arrays.stream(type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
  }

  /** The entries under a map prefix, e.g. {@code routing.domains}, without the prefix. */
  public Map<String, String> map(String prefix) {
    Map<String, String> result = new TreeMap<>();
    String dotted = prefix + ".";
    values.forEach((k, v) -> {
      if (k.startsWith(dotted)) {
        result.put(k.substring(dotted.length()), v);
      }
    });
    return result;
  }
}
