package io.vescollector.tools.bench;

import static io.vescollector.tools.bench.LoadResults.clean;
import static io.vescollector.tools.bench.LoadResults.cleanOpen;
import static io.vescollector.tools.bench.LoadResults.scenario;
import static io.vescollector.tools.bench.LoadResults.with503;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vescollector.tools.MachineInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The full run's files: bench.json with every figure, bench.md that says loudly when a run is invalid, bench.png. */
class BenchReportTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final MachineInfo machine = new MachineInfo(2, "Test CPU", 24_000, "Java 17", "Linux");

  @TempDir
  Path dir;

  private BenchResult result(Scenario single, List<String> problems) {
    Scenario noop = scenario("noop", 1, clean(100_000, 1, 10, 3_000), null);
    Scenario batch = scenario("batch", 100, clean(2_000, 100, 10, 50_000), cleanOpen(1_400, 100, 10, 41_000));
    return new BenchResult(Instant.parse("2026-11-26T12:00:00Z"), Duration.ofSeconds(300), false, machine,
        List.of("-Xmx160m"), List.of("-XX:+UseParallelGC", "-Xmn768m"), Map.of(), 2, 647, 63_815, 0.7, Duration.ofSeconds(30), Duration.ofSeconds(30), noop, single,
        batch, BenchFigures.of(noop, single, batch, 210.0), 210.0, 215.0, 123, 123L, List.of(), problems);
  }

  @Test
  void aCleanRunWritesEveryFigureAndTheTargets() throws Exception {
    Scenario single = scenario("single", 1, clean(500_000, 1, 10, 9_000), cleanOpen(350_000, 1, 10, 4_000));
    List<Path> files = new BenchReport(mapper).write(result(single, List.of()), dir);
    assertEquals(List.of(dir.resolve("bench.json"), dir.resolve("bench.md")), files);
    JsonNode json = mapper.readTree(dir.resolve("bench.json").toFile());
    assertTrue(json.get("valid").asBoolean());
    assertEquals(50_000, json.at("/figures/single_eps").asLong());
    assertEquals(2, json.at("/machine/cpus").asInt());
    assertEquals(3, json.get("scenarios").size());
    assertEquals(3, json.at("/scenarios/1/runs").size(), "warm-up, closed loop, open loop");
    assertEquals("open", json.at("/scenarios/1/runs/2/mode").asText());
    String md = Files.readString(dir.resolve("bench.md"));
    assertFalse(md.contains("INVALID"), md);
    assertTrue(md.contains("| single_eps | 50000 | ≥ 45000 | yes |"), md);
    assertTrue(md.contains("| batch_eps | 20000 | ≥ 250000 | **no** |"), md);
    assertTrue(md.contains("load generator (this process): `-XX:+UseParallelGC -Xmn768m`"), md);
  }

  @Test
  void anInvalidRunSaysSoAndLeavesTheFigureOut() throws Exception {
    Scenario single = scenario("single", 1, with503(500_000, 400_000, 1, 10), cleanOpen(350_000, 1, 10, 4_000));
    BenchResult r = result(single, single.problems());
    new BenchReport(mapper).write(r, dir);
    JsonNode json = mapper.readTree(dir.resolve("bench.json").toFile());
    assertFalse(json.get("valid").asBoolean());
    assertTrue(json.at("/figures/single_eps").isNull());
    assertTrue(json.get("problems").get(0).asText().contains("503=400000"));
    String md = Files.readString(dir.resolve("bench.md"));
    assertTrue(md.contains("**INVALID RUN"), md);
    assertTrue(md.contains("| single_eps | invalid |"), md);
    assertTrue(md.contains("## Problems"), md);
  }

  @Test
  void theChartIsAPng() throws Exception {
    Scenario single = scenario("single", 1, clean(500_000, 1, 10, 9_000), cleanOpen(350_000, 1, 10, 4_000));
    Path png = dir.resolve("bench.png");
    BenchChart.write(result(single, List.of()), png);
    byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
  }
}
