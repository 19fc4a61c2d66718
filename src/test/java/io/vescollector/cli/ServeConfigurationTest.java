package io.vescollector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import io.vescollector.Collector;
import io.vescollector.config.CollectorConfig;
import io.vescollector.security.BcryptHashes;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.Samples;
import io.vescollector.testkit.TestCertificates;
import io.vescollector.testkit.TestKafka;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} configured without a file: Kafka client properties and Basic users, keys inside maps,
 * given only by environment variables and {@code --set}, as a container is configured.
 */
@ExtendWith({VertxExtension.class, KafkaBrokerExtension.class})
class ServeConfigurationTest {

  @Test
  void producerPropertiesAndUsersComeFromTheEnvironmentAndSet(Vertx vertx, TestKafka kafka, @TempDir Path dir)
      throws Exception {
    TestCertificates ca = new TestCertificates(dir, "test-ca");
    Path[] server = ca.issue("server", "CN=localhost");
    String topic = kafka.uniqueTopic("env-faults");
    Map<String, String> environment = Map.of(
        "VES_KAFKA_BOOTSTRAPSERVERS", kafka.bootstrapServers(),
        "VES_kafka.producer.client.id", "from-the-environment",
        "VES_kafka.producer.linger.ms", "3",
        "VES_auth.users.pnf-East_1", BcryptHashes.hash("east-pw".toCharArray()),
        "VES_routing.domains.fault", topic);
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("--port", "0",
        "--set", "server.host=127.0.0.1", "--set", "server.managementPort=-1",
        "--set", "tls.certFile=" + server[0], "--set", "tls.keyFile=" + server[1],
        "--set", "auth.method=basic",
        "--set", "auth.users.West.pnf=" + BcryptHashes.hash("west-pw".toCharArray()),
        "--set", "kafka.producer.client.id=from-set");

    CollectorConfig config = serve.configuration(environment);
    assertEquals("3", config.kafka().clients().producer().get("linger.ms"));

    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (Collector collector = Collector.start(vertx, config, registry)) {
      WebClient client = WebClient.create(vertx, new WebClientOptions().setSsl(true).setDefaultHost("127.0.0.1")
          .setDefaultPort(collector.port()).setTrustOptions(new PemTrustOptions().addCertPath(ca.caFile().toString())));
      for (String[] user : new String[][] {{"pnf-East_1", "east-pw"}, {"West.pnf", "west-pw"}}) {
        HttpResponse<Buffer> answer = client.post("/eventListener/v7").putHeader("Content-Type", "application/json")
            .putHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                (user[0] + ":" + user[1]).getBytes(StandardCharsets.UTF_8)))
            .sendBuffer(Buffer.buffer(Samples.event("fault").toString())).await();
        assertEquals(202, answer.statusCode(), user[0] + ": " + answer.bodyAsString());
        String principal = Samples.JSON.readTree(kafka.consumeRequest(topic, answer.getHeader("X-Request-Id"), 1,
            Duration.ofSeconds(20)).get(0).value()).path("event").path("commonEventHeader")
            .path("internalHeaderFields").path("principal").asText();
        assertEquals(user[0], principal, "a user name with a dash, an underscore, a dot and capitals");
      }
      assertTrue(registry.getMeters().stream().anyMatch(m -> "from-set".equals(m.getId().getTag("client.id"))),
          "--set wins over the environment for kafka.producer.client.id");
      client.close();
    }
  }
}
