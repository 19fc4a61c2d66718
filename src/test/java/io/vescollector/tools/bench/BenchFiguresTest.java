package io.vescollector.tools.bench;

import static io.vescollector.tools.bench.LoadResults.clean;
import static io.vescollector.tools.bench.LoadResults.cleanOpen;
import static io.vescollector.tools.bench.LoadResults.scenario;
import static io.vescollector.tools.bench.LoadResults.with503;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The headline figures: where each comes from, the ratio, and the one JSON line `bench --quick` ends with. */
class BenchFiguresTest {
  private final ObjectMapper mapper = new ObjectMapper();
  private final Scenario noop = scenario("noop", 1, clean(100_000, 1, 10, 3_000), null);
  private final Scenario single = scenario("single", 1, clean(30_000, 1, 10, 9_000), cleanOpen(21_000, 1, 10, 4_560));
  private final Scenario batch = scenario("batch", 100, clean(2_000, 100, 10, 50_000), cleanOpen(1_400, 100, 10, 41_006));

  @Test
  void eachFigureComesFromItsRunThroughputClosedLoopLatencyOpenLoop() {
    BenchFigures f = BenchFigures.of(noop, single, batch, 200.26);
    assertEquals(10_000, f.noopRps(), 1e-9);
    assertEquals(3_000, f.singleEps(), 1e-9);
    assertEquals(4.56, f.singleP99Ms(), 1e-9);
    assertEquals(20_000, f.batchEps(), 1e-9);
    assertEquals(41.006, f.batchP99Ms(), 1e-9);
    assertEquals(0.3, f.ratioSingleToNoop(), 1e-9);
    assertTrue(f.complete());
  }

  @Test
  void theJsonLineHasTheDocumentedKeysInOrderAndOnlyNumbers() throws Exception {
    String line = BenchFigures.of(noop, single, batch, 200.26).jsonLine(mapper);
    assertFalse(line.contains("\n"));
    JsonNode o = mapper.readTree(line);
    List<String> keys = new ArrayList<>();
    o.fieldNames().forEachRemaining(keys::add);
    assertEquals(List.of("single_eps", "single_p99_ms", "batch_eps", "batch_p99_ms", "noop_rps",
        "ratio_single_to_noop", "rss_mb"), keys);
    o.forEach(v -> assertTrue(v.isNumber(), v + " is a number"));
    assertEquals("{\"single_eps\":3000,\"single_p99_ms\":4.56,\"batch_eps\":20000,\"batch_p99_ms\":41.01,"
        + "\"noop_rps\":10000,\"ratio_single_to_noop\":0.3,\"rss_mb\":200.3}", line);
  }

  @Test
  void aRunWith503sGivesNullNotAFantasticRate() throws Exception {
    Scenario failing = scenario("single", 1, with503(50_000, 40_000, 1, 1), cleanOpen(21_000, 1, 10, 4_560));
    BenchFigures f = BenchFigures.of(noop, failing, batch, 200.0);
    assertNull(f.singleEps());
    assertNull(f.ratioSingleToNoop());
    assertEquals(4.56, f.singleP99Ms(), 1e-9);
    assertFalse(f.complete());
    JsonNode o = mapper.readTree(f.jsonLine(mapper));
    assertTrue(o.get("single_eps").isNull());
    assertTrue(o.get("ratio_single_to_noop").isNull());
  }

  @Test
  void withoutTheCollectorsFiguresOnlyTheCeilingAndMemoryRemain() {
    BenchFigures f = BenchFigures.of(noop, single, batch, 200.0).withoutCollectorFigures();
    assertEquals(new BenchFigures(null, null, null, null, 10_000.0, null, 200.0), f);
  }

  @Test
  void theRatioIsUnknownWithoutAPositiveCeiling() {
    assertNull(BenchFigures.ratio(3000.0, null));
    assertNull(BenchFigures.ratio(null, 10_000.0));
    assertNull(BenchFigures.ratio(3000.0, 0.0));
    assertEquals(0.25, BenchFigures.ratio(2500.0, 10_000.0), 1e-12);
  }

  @Test
  void anUnknownRssIsNull() throws Exception {
    JsonNode o = mapper.readTree(BenchFigures.of(noop, single, batch, null).jsonLine(mapper));
    assertTrue(o.get("rss_mb").isNull());
  }
}
