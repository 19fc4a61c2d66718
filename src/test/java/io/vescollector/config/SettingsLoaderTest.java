package io.vescollector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.security.BcryptHashes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration: defaults, then file, then environment, then command line; typos are errors. */
class SettingsLoaderTest {
  private static final String HASH = BcryptHashes.hash("pw".toCharArray());
  private final SettingsLoader loader = new SettingsLoader();

  @Test
  void defaultsComeFromTheBundledCollectorYaml() {
    CollectorConfig config = CollectorConfig.from(loader.load(null, Map.of(), Map.of()));

    assertEquals(8080, config.server().port());
    assertEquals(2 * 1024 * 1024, config.server().maxBodyBytes());
    assertTrue(config.kafka().embedded());
    assertEquals("unauthenticated.SEC_FAULT_OUTPUT", config.routing().topicForDomain("fault"));
    assertEquals("unauthenticated.VES_PNFREG_OUTPUT", config.routing().topicForDomain("pnfRegistration"));
    assertEquals("unauthenticated.SEC_3GPP_HEARTBEAT_OUTPUT", config.routing().topicForNamespace("3GPP-Heartbeat"));
  }

  @Test
  void unmappedDomainGetsOnapsNamingConvention() {
    CollectorConfig config = CollectorConfig.from(loader.load(null, Map.of(), Map.of()));

    assertEquals("unauthenticated.SEC_NEWDOMAIN_OUTPUT", config.routing().topicForDomain("newDomain"));
  }

  @Test
  void fileThenEnvironmentThenCommandLine(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "server:\n  port: 9000\n  retryAfterSeconds: 9\nrouting:\n  domains:\n    fault: my.faults\n");

    Settings s = loader.load(file, Map.of("VES_SERVER_RETRYAFTERSECONDS", "11", "VES_ROUTING_DOMAINS_FAULT", "env.faults"),
        Map.of("server.retryAfterSeconds", "12"));
    CollectorConfig config = CollectorConfig.from(s);

    assertEquals(9000, config.server().port());
    assertEquals(12, config.server().retryAfterSeconds());
    assertEquals("env.faults", config.routing().topicForDomain("fault"));
    assertEquals("unauthenticated.SEC_HEARTBEAT_OUTPUT", config.routing().topicForDomain("heartbeat"));
  }

  @Test
  void unknownKeyIsAnErrorThatNamesTheNearestKnownKey(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("c.yaml");
    Files.writeString(file, "server:\n  prot: 9000\n");

    ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Map.of(), Map.of()));

    assertTrue(e.getMessage().contains("'server.prot'"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'server.port'"), e.getMessage());
  }

  @Test
  void badValuesNameTheirKey() {
    ConfigException e = assertThrows(ConfigException.class, () ->
        CollectorConfig.from(loader.load(null, Map.of("VES_SERVER_PORT", "eighty"), Map.of())));

    assertTrue(e.getMessage().startsWith("server.port"), e.getMessage());
    ConfigException choice = assertThrows(ConfigException.class, () ->
        CollectorConfig.from(loader.load(null, Map.of(), Map.of("collector.timestampFormat", "iso"))));
    assertTrue(choice.getMessage().contains("rfc3339"), choice.getMessage());
  }

  @Test
  void aPortOutsideTcpsRangeIsRefusedBeforeAnythingStarts() {
    ConfigException e = assertThrows(ConfigException.class, () ->
        CollectorConfig.from(loader.load(null, Map.of(), Map.of("server.port", "99999"))));
    assertEquals("server.port: must be a TCP port, at most 65535, found 99999", e.getMessage());

    ConfigException embedded = assertThrows(ConfigException.class, () ->
        CollectorConfig.from(loader.load(null, Map.of(), Map.of("kafka.embedded.port", "65536"))));
    assertTrue(embedded.getMessage().startsWith("kafka.embedded.port: must be a TCP port"), embedded.getMessage());
    assertEquals(-1, CollectorConfig.from(loader.load(null, Map.of(), Map.of("server.managementPort", "-1")))
        .server().managementPort(), "-1: no management port of its own");
  }

  @Test
  void anyKeyIncludingMapEntriesCanBeSetFromTheEnvironmentAsWritten() {
    Settings s = loader.load(null, Map.of(
        "VES_kafka.producer.sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
        "VES_kafka.common.security.protocol", "SASL_SSL",
        "VES_auth.users.pnf-East_1", HASH,
        "VES_routing.domains.myVendorDomain", "vendor.events",
        "VES_SERVER_PORT", "9001"), Map.of());
    CollectorConfig config = CollectorConfig.from(s);

    assertEquals("org.apache.kafka.common.security.scram.ScramLoginModule required;",
        config.kafka().clients().producer().get("sasl.jaas.config"), "dots survive");
    assertEquals("SASL_SSL", config.kafka().clients().forAdmin().get("security.protocol"), "the common block reaches the admin");
    assertEquals(HASH, s.map(ConfigKeys.AUTH_USERS).get("pnf-East_1"), "case and dashes survive");
    assertEquals("vendor.events", config.routing().topicForDomain("myVendorDomain"));
    assertEquals(9001, config.server().port(), "the upper-case form still sets keys that have values");
  }

  @Test
  void theExactFormWinsAndTheCommandLineWinsOverBoth() {
    Settings s = loader.load(null, Map.of("VES_server.port", "9002", "VES_SERVER_PORT", "9001"),
        Map.of("kafka.producer.linger.ms", "7"));

    assertEquals("9002", s.string(ConfigKeys.SERVER_PORT));
    assertEquals("7", s.map(ConfigKeys.KAFKA_PRODUCER).get("linger.ms"));
    assertEquals("9003", loader.load(null, Map.of("VES_server.port", "9002"), Map.of("server.port", "9003"))
        .string(ConfigKeys.SERVER_PORT));
  }

  @Test
  void anExactEnvironmentNameThatIsNoKeyStopsStartUpNamingTheNearest() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load(null, Map.of("VES_server.prot", "9000"), Map.of()));

    assertTrue(e.getMessage().contains("'server.prot' in the environment variable VES_server.prot"), e.getMessage());
    assertTrue(e.getMessage().contains("did you mean 'server.port'"), e.getMessage());
  }

  @Test
  void otherVesVariablesSuchAsKubernetesServiceLinksAreLeftAlone() {
    Settings s = loader.load(null, Map.of("VES_SERVICE_HOST", "10.0.0.1", "VES_PORT_8080_TCP", "tcp://10.0.0.1:8080",
        "VES_SOMETHING_ELSE", "x"), Map.of());

    assertEquals("8080", s.string(ConfigKeys.SERVER_PORT));
  }

  @Test
  void theEmbeddedBrokerIsRefusedOrRequiredWhenSaidSo() {
    ConfigException none = assertThrows(ConfigException.class, () -> CollectorConfig.from(
        loader.load(null, Map.of("VES_KAFKA_EMBEDDED_ENABLED", "false"), Map.of())));
    assertTrue(none.getMessage().contains("kafka.bootstrapServers"), none.getMessage());
    assertTrue(none.getMessage().contains("VES_KAFKA_BOOTSTRAPSERVERS"), none.getMessage());

    ConfigException both = assertThrows(ConfigException.class, () -> CollectorConfig.from(
        loader.load(null, Map.of(), Map.of("kafka.embedded.enabled", "true", "kafka.bootstrapServers", "k:9092"))));
    assertTrue(both.getMessage().startsWith("kafka.embedded.enabled is true but kafka.bootstrapServers names k:9092"),
        both.getMessage());

    CollectorConfig external = CollectorConfig.from(loader.load(null, Map.of(),
        Map.of("kafka.embedded.enabled", "false", "kafka.common.bootstrap.servers", "k1:9093")));
    assertEquals("k1:9093", external.kafka().bootstrapServers(), "the common block's bootstrap.servers counts");
    assertTrue(!external.kafka().embedded());
  }

  @Test
  void missingFileIsAClearError() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> loader.load(Path.of("no/such/file.yaml"), Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("does not exist"));
  }
}
