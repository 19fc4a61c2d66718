package io.vescollector.tools.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vescollector.tools.Launcher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault harness's short run, as CI runs it: three Kafka brokers and two collectors as child JVMs (this
 * test's class path), {@code send} in an open loop over both collectors; a kill -9 of the broker leading the
 * busiest partition (back after 10 s), then on a fresh cluster a kill -9 of collector A with failover to B.
 * No event answered 202 may be missing from Kafka, every request must be accounted for, and traffic must
 * flow again after each fault. The full run is {@code bench/faults} (docs/RELIABILITY.md).
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class ClusterFaultsTest {
  private static final long NEEDED_MB = 2_048; // three brokers (384 MB heaps), two collectors (256 MB), this JVM's load

  @Test
  void aKilledBrokerAndAKilledCollectorLoseNoAcknowledgedEventAndTrafficRecovers(@TempDir Path out) throws Exception {
    long available = availableMb();
    assumeTrue(available < 0 || available >= NEEDED_MB, "the fault harness needs about " + NEEDED_MB
        + " MB for five JVMs; this machine has " + available + " MB available (MemAvailable)");
    long t0 = System.nanoTime();
    FaultReport report = new FaultRun(FaultOptions.quick(out), Launcher.current(), System.out, null).run();
    System.out.printf("[ClusterFaultsTest] %.0f s%n%s%n", (System.nanoTime() - t0) / 1e9, report.markdown());

    assertEquals(Map.of(), report.failures(), "every scenario ran to its end (logs in " + out + ")");
    Map<String, ScenarioResult> byName = report.scenarios().stream()
        .collect(Collectors.toMap(ScenarioResult::name, Function.identity()));
    assertEquals(List.of("broker-kill", "collector-kill"), report.scenarios().stream().map(ScenarioResult::name).toList());
    for (ScenarioResult s : report.scenarios()) {
      assertEquals(0, s.acceptedAbsent(), s.name() + ": events answered 202 but not in Kafka, e.g. " + s.absentSample());
      assertTrue(s.balanced(), s.name() + ": sent = 202 + 503 + other + unanswered: " + s);
      assertEquals(0, s.notSent(), s.name() + ": every due request was sent");
      assertNotNull(s.firstAcceptedAfterFault(), s.name() + ": a request due after the fault was answered 202");
      assertTrue(s.acceptedAfterRecovery() > 0, s.name() + ": requests due after recovery were answered 202");
    }
    ScenarioResult broker = byName.get("broker-kill");
    assertEquals(0, broker.other(), "a broker fault is answered 202 or 503, nothing else: " + broker);
    ScenarioResult collector = byName.get("collector-kill");
    assertTrue(collector.retried() > 0, "requests to the killed collector were sent to the other one: " + collector);
    assertEquals(0, collector.unanswered(), "a request A could not answer was answered by B: " + collector);
    assertTrue(Files.readString(out.resolve("faults.md")).contains("| broker-kill |"), "the report is written");
  }

  /** MemAvailable from /proc/meminfo in MB, or -1 where there is none. */
  private static long availableMb() {
    try {
      return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemAvailable:"))
          .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", "")) / 1024).findFirst().orElse(-1);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
