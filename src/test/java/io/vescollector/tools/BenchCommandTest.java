package io.vescollector.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code bench} command's interface. The real run starts three JVMs and takes a minute, too slow
 * for the suite: it runs only with {@code -Dbench.smoke=true}.
 */
class BenchCommandTest {
  @Test
  void badOptionsAreRefusedBeforeAnythingStarts() {
    CommandRun run = CommandRun.of("bench", "--quick", "--batch-size", "1");
    assertEquals(2, run.exitCode(), run.toString());
    run = CommandRun.of("bench", "--quick", "--open-loop-fraction", "1.5");
    assertEquals(2, run.exitCode(), run.toString());
  }

  @Test
  void quickRunEndsWithOneJsonLineOfNumbers() throws Exception {
    assumeTrue(Boolean.getBoolean("bench.smoke"),
        "bench --quick starts a broker, a collector and a no-op server for about a minute; run with -Dbench.smoke=true");
    CommandRun run = CommandRun.of("bench", "--quick");
    List<String> lines = run.lines();
    JsonNode figures = new ObjectMapper().readTree(lines.get(lines.size() - 1));
    assertEquals(7, figures.size(), run.toString());
    figures.forEach(v -> assertTrue(v.isNumber(), run.toString()));
    assertEquals(0, run.exitCode(), run.toString());
  }
}
