package io.vescollector.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.FreePort;
import io.vescollector.testkit.ChildJvm;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code logging.format: json}: serve, with the log4j configuration it ships (not the tests'), writes one
 * JSON object a line with the Elastic Common Schema fields.
 */
class JsonLogFormatTest {

  @Test
  void serveWritesEcsJsonLinesWhenTheConfigurationSaysJson(@TempDir Path dir) throws Exception {
    int port = FreePort.on("127.0.0.1");
    Path log = dir.resolve("serve.log");
    // An address where no broker answers: the listener starts all the same, and that is all this needs.
    try (ChildJvm serve = ChildJvm.start("serve", log, List.of("-Xmx256m", "-Dlog4j2.configurationFile=classpath:log4j2.xml"),
        "serve", "--port", Integer.toString(port), "--kafka-bootstrap", "127.0.0.1:9",
        "--set", "server.host=127.0.0.1", "--set", "server.managementPort=-1",
        "--set", "stndDefined.preload=none", "--set", "logging.format=json")) {
      JsonObject line = await().atMost(Duration.ofSeconds(90)).until(() -> listening(log), Optional::isPresent).get();
      assertEquals("INFO", line.getString("log.level"), line.encode());
      assertEquals("io.vescollector.Collector", line.getString("log.logger"), line.encode());
      assertEquals("main", line.getString("process.thread.name"), line.encode());
      assertEquals("ves-collector", line.getString("service.name"), line.encode());
      assertTrue(line.containsKey("ecs.version"), line.encode());
      Instant.parse(line.getString("@timestamp"));
      assertTrue(line.getString("message").contains("127.0.0.1:9"), line.encode());
    }
  }

  /** The "listening" line, once written: the log is read whole, each line that starts with { parsed. */
  private static Optional<JsonObject> listening(Path log) {
    try {
      return Files.readAllLines(log).stream().filter(l -> l.startsWith("{")).map(JsonObjectOrNull::parse)
          .filter(j -> j != null && j.getString("message", "").contains(" listening on http://127.0.0.1:")).findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final class JsonObjectOrNull {
    static JsonObject parse(String line) {
      try {
        return new JsonObject(line);
      } catch (DecodeException e) {
        return null; // a line still being written
      }
    }
  }
}
