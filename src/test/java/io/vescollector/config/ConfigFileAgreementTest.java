package io.vescollector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** config/collector.yaml documents every key of ConfigKeys with the same default, and nothing else. */
class ConfigFileAgreementTest {

  @Test
  void everyKeyIsInTheFileWithItsDefaultAndTheFileHasNoOtherKey() throws IOException {
    Map<String, String> file = new TreeMap<>();
    flatten("", new ObjectMapper(new YAMLFactory()).readTree(Path.of("config", "collector.yaml").toFile()), file);
    List<String> problems = new ArrayList<>();
    for (ConfigKey key : ConfigKeys.ALL) {
      String value = file.remove(key.name());
      if (value == null) {
        problems.add(key.name() + " is missing from config/collector.yaml");
      } else if (!value.equals(key.defaultValue())) {
        problems.add(key.name() + ": the file says '" + value + "', ConfigKeys says '" + key.defaultValue() + "'");
      }
    }
    file.keySet().removeIf(k -> ConfigKeys.MAP_PREFIXES.stream().anyMatch(p -> k.equals(p) || k.startsWith(p + ".")));
    file.keySet().forEach(k -> problems.add(k + " is in config/collector.yaml but not in ConfigKeys"));
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void everyKeyHasADescriptionAndAnEnvironmentVariable() {
    for (ConfigKey key : ConfigKeys.ALL) {
      assertTrue(key.description().length() > 10, key.name());
      assertEquals("VES_" + key.name().replace('.', '_').toUpperCase(Locale.ROOT), key.environmentVariable());
    }
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      if (node.isEmpty()) {
        out.put(prefix, "");
      }
      node.fields().forEachRemaining(e -> flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    } else {
      out.put(prefix, node.isNull() ? "" : node.asText());
    }
  }
}
