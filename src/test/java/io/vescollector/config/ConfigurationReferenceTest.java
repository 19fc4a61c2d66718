package io.vescollector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * docs/CONFIGURATION.md is generated from {@link ConfigKeys}, so the reference cannot drift from the code:
 * this test fails when it differs, and rewrites it when run with {@code -Dves.writeReference=true}.
 */
class ConfigurationReferenceTest {
  private static final Path REFERENCE = Path.of("docs", "CONFIGURATION.md");
  private static final String REGENERATE =
      "mvn -o -q test -Dtest=ConfigurationReferenceTest -Dves.writeReference=true";

  @Test
  void theReferenceListsEveryKeyAsConfigKeysDefinesIt() throws IOException {
    String expected = render();
    if (Boolean.getBoolean("ves.writeReference")) {
      Files.writeString(REFERENCE, expected, StandardCharsets.UTF_8);
    }
    assertEquals(expected, Files.readString(REFERENCE, StandardCharsets.UTF_8),
        REFERENCE + " differs from ConfigKeys; regenerate it with: " + REGENERATE);
  }

  static String render() {
    StringBuilder out = new StringBuilder();
    out.append("""
        # Configuration reference

        Generated from `ConfigKeys` (src/main/java/io/vescollector/config/ConfigKeys.java), the one place
        each key's default and meaning are written; `ConfigurationReferenceTest` fails when this file differs
        from it, and rewrites it with `%s`.

        A key is set, in this order of precedence (last wins):

        1. in the YAML file: `./config/collector.yaml` when present, or `serve --config FILE`;
           [`config/collector.yaml`](../config/collector.yaml) is an example holding every key at its default;
        2. in the environment: `VES_` and the key exactly as written (`VES_kafka.common.security.protocol`,
           `VES_auth.users.pnf-1`), or, for the keys below, the upper-case variable of the table
           (`VES_SERVER_PORT`); the exact form wins;
        3. on the command line: `serve --set key=value` (any key, repeatable) and `serve`'s options.

        An unknown key stops start-up with an error naming the nearest known key.

        """.formatted(REGENERATE));
    Map<String, List<ConfigKey>> sections = new LinkedHashMap<>();
    ConfigKeys.ALL.forEach(k -> sections.computeIfAbsent(section(k.name()), s -> new ArrayList<>()).add(k));
    sections.forEach((section, keys) -> {
      out.append("## ").append(section).append("\n\n");
      out.append("| Key | Default | Environment variable | Meaning |\n|---|---|---|---|\n");
      keys.forEach(k -> out.append("| `").append(k.name()).append("` | ").append(code(k.defaultValue())).append(" | `")
          .append(k.environmentVariable()).append("` | ").append(cell(k.description())).append(" |\n"));
      out.append('\n');
    });
    out.append("## Maps\n\nKeys under these prefixes are free-form: `prefix.<name>: value`, set in the YAML or as\n"
        + "`VES_prefix.<name>` or `serve --set prefix.<name>=value`.\n\n");
    out.append("| Prefix | Default entries | Meaning |\n|---|---|---|\n");
    ConfigKeys.MAPS.forEach(k -> out.append("| `").append(k.name()).append(".*` | ")
        .append(k.defaultValue().isEmpty() ? "none" : k.defaultValue()).append(" | ").append(cell(k.description()))
        .append(" |\n"));
    return out.toString();
  }

  private static String section(String key) {
    return key.substring(0, key.indexOf('.'));
  }

  private static String code(String value) {
    return value.isEmpty() ? "empty" : "`" + value + "`";
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
