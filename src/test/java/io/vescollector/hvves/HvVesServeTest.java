package io.vescollector.hvves;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.testkit.ChildJvm;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} with the HV-VES listener on: a port another process holds stops start-up, naming the key. */
class HvVesServeTest {

  @Test
  void anHvVesPortInUseIsNamedWithItsKeyBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    try (ServerSocket holder = new ServerSocket()) {
      holder.bind(new InetSocketAddress("127.0.0.1", 0));
      int port = holder.getLocalPort();
      Path log = dir.resolve("serve.log");
      try (ChildJvm serve = ChildJvm.start("serve", log, List.of("-Xmx256m"), "serve", "--port", "0",
          "--embedded-kafka-port", "0", "--data-dir", dir.resolve("kafka").toString(),
          "--set", "server.host=127.0.0.1", "--set", "hvVes.enabled=true", "--set", "hvVes.port=" + port)) {
        assertEquals(2, serve.awaitExit(Duration.ofSeconds(60)), serve.tail());
      }
      String output = Files.readString(log);
      assertTrue(output.contains("Cannot start: port " + port + " on 127.0.0.1 is not available"), output);
      assertTrue(output.contains("hvVes.port: set another with VES_HVVES_PORT or hvVes.port"), output);
      assertFalse(Files.exists(dir.resolve("kafka")), "the embedded broker did not even format its directory");
    }
  }
}
