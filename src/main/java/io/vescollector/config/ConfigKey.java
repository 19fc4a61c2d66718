package io.vescollector.config;

import java.util.Locale;

/**
 * One documented configuration key: its dotted name in {@code collector.yaml}, its default, and what
 * it means. The environment variable that overrides it is derived from the name.
 */
public record ConfigKey(String name, String defaultValue, String description) {

  /** {@code server.maxBodyBytes} becomes {@code VES_SERVER_MAXBODYBYTES}. */
  public String environmentVariable() {
    return "VES_" + name.replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
