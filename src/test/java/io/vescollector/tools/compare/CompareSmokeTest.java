package io.vescollector.tools.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vescollector.testkit.KafkaBrokerExtension;
import io.vescollector.testkit.TestKafka;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * compare end to end with tiny parameters against the real broker and a real collector process: every
 * value sent on every path arrives in Kafka, nothing fails, and the report files are written. No
 * assertion on speed.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CompareSmokeTest {

  @Test
  void everyPathDeliversEveryValueAndTheReportIsWritten(TestKafka kafka, @TempDir Path out) throws Exception {
    CompareOptions options = new CompareOptions(1, 2, 3, Duration.ofSeconds(1), 300, List.of(Phase.FIXED),
        List.of(PathKind.values()), out, kafka.clientSettings(), Duration.ofSeconds(15), Duration.ofSeconds(1));
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    CompareReport report = new CompareRun(options, "compare (test)", new PrintStream(progress, true)).run();

    assertEquals(PathKind.values().length, report.results().size(),
        "every path, fixed rate (MAX runs the same senders unpaced)");
    assertEquals(Arrays.stream(PathKind.values()).map(PathKind::label).toList(),
        List.copyOf(report.settings().warmUpSeconds().keySet()), "each path warmed up (one slice: the limit is 1 s)");
    for (PathResult r : report.results()) {
      String row = r.path() + " " + r.phase();
      assertTrue(r.valuesSent() > 0, row + " sent nothing");
      assertEquals(0, r.valuesSent() % 3, row + ": whole cell reports of 3 values");
      assertEquals(r.valuesSent(), r.valuesReceived(), row + ": loss");
      assertEquals(0, r.errors(), row + ": errors");
      assertTrue(r.bytesPerValue() > 0, row + ": bytes counted");
      assertEquals(r.path() != PathKind.BUS, r.collectorCpuMsPer1kValues() != null, row + ": collector CPU only through the collector");
      assertEquals(r.path() != PathKind.BUS, r.collectorJitMsPer1kValues() != null, row + ": collector JIT only through the collector");
    }
    for (String file : List.of("report.md", "report.json", "throughput.png", "latency-fixed.png")) {
      assertTrue(Files.size(out.resolve(file)) > 0, file);
    }
    assertTrue(Files.readString(out.resolve("report.md")).contains("| 3GPP WebSocket | fixed rate |"));
    assertTrue(Files.readString(out.resolve("report.md")).contains("| HV-VES | fixed rate |"));
    assertTrue(progress.toString().contains("[5/5] 3GPP message bus"), "progress on stderr");
  }
}
