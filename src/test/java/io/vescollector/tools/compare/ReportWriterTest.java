package io.vescollector.tools.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.tools.MachineInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** report.md and report.json from a fixed result: one row per path and phase, n/a where CPU does not apply. */
class ReportWriterTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final ReportWriter writer = new ReportWriter(mapper);
  private final CompareReport report = new CompareReport("java -jar target/ves-collector.jar compare",
      new MachineInfo(2, "Test CPU", 4096, "JVM 17", "Linux"),
      new CompareReport.Settings(2, 3, 4, 5, 1000, List.of(Phase.FIXED, Phase.MAX),
          new LinkedHashMap<>(Map.of("VES single", 28.4))),
      List.of(
          new PathResult(PathKind.VES_SINGLE, Phase.FIXED, 1000, 5, 5000, 5000, 0, 1000, 2, 7, 12, 61.25, 31.5, 4.5, null),
          new PathResult(PathKind.VES_SINGLE, Phase.MAX, 0, 5, 20000, 19990, 1, 3998, 9, 40, 80, 61.0, 20.0, 0.5, null),
          new PathResult(PathKind.BUS, Phase.FIXED, 1000, 5, 5000, 5000, 0, 1000, 6, 9, 11, 8.5, null, null, 1.25),
          new PathResult(PathKind.BUS, Phase.MAX, 0, 5, 90000, 90000, 0, 18000, 30, 60, 70, 8.0, null, null, 0.75)));

  @Test
  void tableHasOneRowPerPathAndPhase() {
    List<String> rows = writer.table(report).lines().toList();
    assertEquals(2 + 4, rows.size(), "header, separator, four rows");
    assertEquals("| VES single | fixed rate | 1,000 | 2 | 7 | 12 | 61.3 | 31.50 | 4.50 | n/a | 5000 | 5000 | 0 | 0 |", rows.get(2));
    assertEquals("| VES single | max | 3,998 | 9 | 40 | 80 | 61.0 | 20.00 | 0.50 | n/a | 20000 | 19990 | 10 | 1 |", rows.get(3));
    assertEquals("| 3GPP message bus | max | 18,000 | 30 | 60 | 70 | 8.0 | n/a | n/a | 0.75 | 90000 | 90000 | 0 | 0 |", rows.get(5));
  }

  @Test
  void markdownStatesHardwareCommandAndAReading() {
    String md = writer.markdown(report);
    assertTrue(md.contains("2 CPUs (Test CPU), 4096 MB memory"), md);
    assertTrue(md.contains("`java -jar target/ves-collector.jar compare`"), md);
    assertTrue(md.contains("threads were quiet (or --warmup ran out): VES single 28 s."), md);
    assertTrue(md.contains("3GPP message bus carried the most metric values into Kafka (18,000 values/s)"), md);
    assertTrue(md.contains("10 values were lost and 1 sends failed"), md);
    assertTrue(md.contains("![throughput](throughput.png)"), md);
    int sentences = writer.reading(report).size();
    assertTrue(sentences >= 5 && sentences <= 10, "5-10 sentences, got " + sentences);
  }

  @Test
  void aReportOfOnePathReadsWithoutComparingThePathWithItself() {
    CompareReport onePath = new CompareReport(report.command(), report.hardware(), report.settings(),
        report.results().subList(0, 2));
    List<String> reading = writer.reading(onePath);

    assertEquals(List.of(
        "Flat out, VES single carried 3,998 metric values per second into Kafka.",
        "On the wire, VES single needs 61.3 bytes per value.",
        "At 1,000 values/s offered, the p99 latency of VES single was 7 ms.",
        "The collector spent 31.50 ms of CPU per thousand values on VES single.",
        "10 values were lost and 1 sends failed in total (see the table).",
        "Everything shares one machine, so the figures are relative to it and noisy between runs."), reading);
  }

  @Test
  void jsonCarriesEveryFigureWithLossAndNullForNotApplicable() throws Exception {
    JsonNode json = mapper.readTree(writer.json(report));
    assertEquals(2, json.path("hardware").path("cpus").asInt());
    assertEquals(4, json.path("results").size());
    JsonNode singleMax = json.path("results").get(1);
    assertEquals("VES_SINGLE", singleMax.path("path").asText());
    assertEquals("MAX", singleMax.path("phase").asText());
    assertEquals(10, singleMax.path("loss").asLong());
    assertEquals(40.0, singleMax.path("p99Ms").asDouble());
    assertTrue(json.path("results").get(2).path("collectorCpuMsPer1kValues").isNull());
    assertTrue(json.path("results").get(2).path("collectorJitMsPer1kValues").isNull());
    assertEquals(4.5, json.path("results").get(0).path("collectorJitMsPer1kValues").asDouble(), 1e-9);
    assertEquals(1.25, json.path("results").get(2).path("producerCpuMsPer1kValues").asDouble());
    assertTrue(json.path("reading").size() >= 5);
  }
}
