package io.vescollector.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code compare} refuses options it cannot run with one line on stderr and exit code 2, before starting anything. */
class CompareCommandTest {

  @Test
  void aPhaseNamedTwiceIsRefusedWithItsName(@TempDir Path out) {
    Refusal r = run("--phases", "FIXED,FIXED", "--out", out.resolve("report").toString());

    assertEquals(2, r.code());
    assertEquals("compare: name each phase and each path at most once: --phases [FIXED, FIXED], --paths "
        + "[VES_SINGLE, VES_BATCH, WEBSOCKET, BUS]", r.err().strip());
    assertFalse(Files.exists(out.resolve("report")), "nothing started, nothing written");
  }

  @Test
  void zeroProducersAreRefusedWithoutAStackTrace(@TempDir Path out) {
    Refusal r = run("--producers", "0", "--out", out.toString());

    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("compare: producers, cells and metrics must be at least 1"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  private record Refusal(int code, String err) {}

  private static Refusal run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 1];
    all[0] = "compare";
    System.arraycopy(args, 0, all, 1, args.length);
    return new Refusal(cli.execute(all), err.toString());
  }
}
