package io.vescollector.cli;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vescollector.Collector;
import io.vescollector.FreePort;
import io.vescollector.config.CollectorConfig;
import io.vescollector.testkit.ChildJvm;
import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} as an operator starts it: the embedded broker is a development convenience said out
 * loud, a port in use is a clear error before anything is started, and a start that fails late leaves
 * nothing running.
 */
class ServeStartupTest {

  @Test
  void withoutKafkaTheEmbeddedBrokerIsAnnouncedAndReadinessSaysSo(@TempDir Path dir) throws Exception {
    int port = FreePort.on("127.0.0.1");
    Path log = dir.resolve("serve.log");
    try (ChildJvm serve = ChildJvm.start("serve", log, List.of("-Xmx384m"), "serve", "--port", Integer.toString(port),
        "--embedded-kafka-port", "0", "--data-dir", dir.resolve("kafka").toString(),
        "--set", "server.host=127.0.0.1", "--set", "server.managementPort=-1")) {
      serve.awaitListening(port, Duration.ofSeconds(90));
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
      await().atMost(Duration.ofSeconds(30))
          .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);

      JsonObject body = new JsonObject(http.send(ready, HttpResponse.BodyHandlers.ofString()).body());
      assertEquals("embedded", body.getString("kafka"), body.encode());
      String output = Files.readString(log);
      assertTrue(output.contains("DEVELOPMENT BROKER"), output);
      assertTrue(output.contains("kafka.bootstrapServers (VES_KAFKA_BOOTSTRAPSERVERS)"), output);
    }
  }

  @Test
  void aKafkaSecretFileThatIsMissingStopsStartUpSayingWhich(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("kafka-user/password.properties");
    Path log = dir.resolve("serve.log");
    try (ChildJvm serve = ChildJvm.start("serve", log, List.of("-Xmx256m"), "serve",
        "--port", Integer.toString(FreePort.on("127.0.0.1")), "--kafka-bootstrap", "127.0.0.1:9",
        "--set", "server.host=127.0.0.1", "--set", "server.managementPort=-1",
        "--set", "kafka.common.config.providers=file",
        "--set", "kafka.common.config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider",
        "--set", "kafka.common.security.protocol=SASL_SSL", "--set", "kafka.common.sasl.mechanism=SCRAM-SHA-512",
        "--set", "kafka.common.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"ves\" password=\"${file:" + missing + ":password}\";")) {
      assertEquals(1, serve.awaitExit(Duration.ofSeconds(60)), serve.tail());
    }
    String output = Files.readString(log);
    assertTrue(output.contains("Cannot start: ") && output.contains(missing.toString()), output);
    assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
  }

  @Test
  void aPortInUseIsNamedWithItsKeyAndOptionBeforeTheBrokerStarts(@TempDir Path dir) throws Exception {
    PortHeld held = serveWithPortHeld(dir, port -> List.of("--port", Integer.toString(port),
        "--set", "server.managementPort=-1"));
    String output = held.output();
    assertTrue(output.contains("Cannot start: port " + held.port() + " on 127.0.0.1 is not available"), output);
    assertTrue(output.contains("server.port: set another with serve --port, VES_SERVER_PORT"), output);
    assertFalse(output.contains("\tat "), "no stack trace:\n" + output);
    assertFalse(output.contains("DEVELOPMENT BROKER"), "nothing was started:\n" + output);
    assertFalse(Files.exists(dir.resolve("kafka")), "the embedded broker did not even format its directory");
  }

  @Test
  void anHvVesPortInUseIsNamedWithItsKeyBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    PortHeld held = serveWithPortHeld(dir, port -> List.of("--port", "0",
        "--set", "hvVes.enabled=true", "--set", "hvVes.port=" + port));
    String output = held.output();
    assertTrue(output.contains("Cannot start: port " + held.port() + " on 127.0.0.1 is not available"), output);
    assertTrue(output.contains("hvVes.port: set another with VES_HVVES_PORT or hvVes.port"), output);
    assertFalse(Files.exists(dir.resolve("kafka")), "the embedded broker did not even format its directory");
  }

  /**
   * Where Netty's native transports cannot run (here: switched off with {@code -Dio.netty.transport.noNative}, as
   * a seccomp profile that forbids io_uring would), {@code server.transport: auto} falls back to Java NIO and says
   * why; a transport named outright stops start-up, saying why, before anything starts.
   */
  @Test
  void withoutNativeTransportsAutoRunsOnNioAndANamedOneStopsStartUp(@TempDir Path dir) throws Exception {
    int port = FreePort.on("127.0.0.1");
    Path log = dir.resolve("auto.log");
    List<String> noNative = List.of("-Xmx256m", "-Dio.netty.transport.noNative=true");
    try (ChildJvm serve = ChildJvm.start("serve", log, noNative, "serve", "--port", Integer.toString(port),
        "--kafka-bootstrap", "127.0.0.1:9", "--set", "server.host=127.0.0.1", "--set", "server.managementPort=-1",
        "--set", "server.transport=auto")) {
      serve.awaitListening(port, Duration.ofSeconds(60));
      String output = Files.readString(log);
      assertTrue(output.contains("Network I/O by Java NIO (io_uring unavailable: ") && output.contains("; epoll unavailable: "),
          output);
    }
    Path named = dir.resolve("named.log");
    try (ChildJvm serve = ChildJvm.start("serve", named, noNative, "serve", "--port", Integer.toString(port),
        "--kafka-bootstrap", "127.0.0.1:9", "--set", "server.host=127.0.0.1", "--set", "server.transport=io_uring")) {
      assertEquals(2, serve.awaitExit(Duration.ofSeconds(60)), serve.tail());
    }
    String output = Files.readString(named);
    assertTrue(output.contains("Configuration error: server.transport io_uring is unavailable here (")
        && output.contains("noNative") && output.contains("use auto or nio"), output);
    assertFalse(output.contains("listening on"), output);
  }

  /** What {@code serve} printed when a port it was given was held by another socket. */
  private record PortHeld(int port, String output) {
  }

  /**
   * Runs {@code serve} on an embedded broker with {@code args(port)} while another socket holds
   * {@code port}; it must exit with status 2.
   */
  private static PortHeld serveWithPortHeld(Path dir, IntFunction<List<String>> args) throws Exception {
    try (ServerSocket holder = new ServerSocket()) {
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = holder.getLocalPort();
      Path log = dir.resolve("serve.log");
      List<String> command = new ArrayList<>(List.of("serve", "--embedded-kafka-port", "0",
          "--data-dir", dir.resolve("kafka").toString(), "--set", "server.host=127.0.0.1"));
      command.addAll(args.apply(port));
      try (ChildJvm serve = ChildJvm.start("serve", log, List.of("-Xmx256m"), command.toArray(String[]::new))) {
        assertEquals(2, serve.awaitExit(Duration.ofSeconds(60)), serve.tail());
      }
      return new PortHeld(port, Files.readString(log));
    }
  }

  /**
   * The management listener is the last step to bind; when it cannot, the HTTP listener, the streaming
   * target, the publisher, the producer's metrics and the Kafka clients built before it are all closed.
   */
  @Test
  @ExtendWith(KafkaBrokerExtension.class)
  void aStartThatFailsAtItsLastStepClosesWhatTheEarlierStepsBuilt(TestKafka kafka) throws Exception {
    String id = "late-failure-" + UUID.randomUUID();
    int port = FreePort.on("127.0.0.1");
    long senders = threadsNamed("ves-kafka-sender");
    long metricsRefreshers = threadsNamed("micrometer-kafka-metrics");
    long connectionReaders = threadsNamed("streaming-connections-reader");
    Vertx vertx = Vertx.vertx();
    try (ServerSocket management = new ServerSocket()) {
      management.bind(new InetSocketAddress("127.0.0.1", 0));
      ServeCommand serve = new ServeCommand();
      new CommandLine(serve).parseArgs("--port", Integer.toString(port), "--kafka-bootstrap", kafka.bootstrapServers(),
          "--set", "server.host=127.0.0.1", "--set", "server.managementPort=" + management.getLocalPort(),
          "--set", "collector.id=" + id);
      CollectorConfig config = serve.configuration(Map.of());

      Throwable failure = assertThrows(Throwable.class, () -> Collector.start(vertx, config));
      assertInstanceOf(BindException.class, failure, "the management port is taken");

      try (ServerSocket listener = new ServerSocket()) {
        listener.setReuseAddress(true); // as Netty's listeners do
        listener.bind(new InetSocketAddress("127.0.0.1", port)); // the HTTP listener was up, and is closed
      }
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        assertEquals(0, threadsNamed(id), "the producer's and the admin client's threads");
        assertTrue(threadsNamed("ves-kafka-sender") <= senders, "the publisher's sender thread");
        assertTrue(threadsNamed("micrometer-kafka-metrics") <= metricsRefreshers, "the producer metrics' refresh thread");
        assertTrue(threadsNamed("streaming-connections-reader") <= connectionReaders, "the streaming target's reader");
      });
    } finally {
      vertx.close().await();
    }
  }

  private static long threadsNamed(String part) {
    return Thread.getAllStackTraces().keySet().stream().filter(t -> t.isAlive() && t.getName().contains(part)).count();
  }
}
