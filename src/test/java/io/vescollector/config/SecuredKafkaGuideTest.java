package io.vescollector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.kafka.KafkaClientSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration docs/OPERATIONS.md gives for a secured Kafka is accepted as written, and its
 * environment-variable form means the same as its YAML form; SecuredKafkaTest runs these settings
 * against a broker configured as Strimzi's are.
 */
class SecuredKafkaGuideTest {
  private static final Path GUIDE = Path.of("docs", "OPERATIONS.md");

  @Test
  void theGuidesYamlLoadsAndReachesEveryClient(@TempDir Path dir) throws IOException {
    List<String> yamls = blocks("yaml");
    assertEquals(2, yamls.size(), "SCRAM-SHA-512 and mutual TLS");
    for (String yaml : yamls) {
      Path file = dir.resolve("collector.yaml");
      Files.writeString(file, yaml);
      CollectorConfig config = CollectorConfig.from(new SettingsLoader().load(file, Map.of(), Map.of()));
      KafkaClientSettings clients = config.kafka().clients();
      assertFalse(config.kafka().embedded());
      assertFalse(config.kafka().topics().create());
      for (Map<String, Object> client : List.of(clients.forProducer(), clients.forAdmin(), clients.forConsumer())) {
        assertEquals("my-cluster-kafka-bootstrap.kafka.svc:9093", client.get("bootstrap.servers"));
        assertEquals("dir", client.get("config.providers"));
        assertTrue(String.valueOf(client.get("ssl.truststore.certificates")).startsWith("${dir:"), yaml);
      }
    }
  }

  @Test
  void theGuidesEnvironmentVariablesMeanWhatItsYamlMeans(@TempDir Path dir) throws IOException {
    Map<String, String> environment = new LinkedHashMap<>();
    for (String line : blocks("sh").get(0).split("\n")) {
      int eq = line.indexOf('=');
      String value = line.substring(eq + 1);
      environment.put(line.substring(0, eq), value.startsWith("'") ? value.substring(1, value.length() - 1) : value);
    }
    Path file = dir.resolve("collector.yaml");
    Files.writeString(file, blocks("yaml").get(0));
    SettingsLoader loader = new SettingsLoader();

    KafkaClientSettings fromEnvironment = CollectorConfig.from(loader.load(null, environment, Map.of())).kafka().clients();
    KafkaClientSettings fromYaml = CollectorConfig.from(loader.load(file, Map.of(), Map.of())).kafka().clients();
    assertEquals(fromYaml.forProducer(), fromEnvironment.forProducer());
  }

  private static List<String> blocks(String language) throws IOException {
    String guide = Files.readString(GUIDE);
    String section = guide.substring(guide.indexOf("## Connecting to a secured Kafka"), guide.indexOf("## Kafka outages"));
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section);
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }
}
