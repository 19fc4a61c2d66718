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

/** {@code compare} refuses options they cannot run: one line on stderr, exit code 2, nothing started. */
class OptionRefusalsTest {

  @Test
  void aPhaseNamedTwiceIsRefusedWithItsName(@TempDir Path out) {
    Refusal r = run("compare", "--phases", "FIXED,FIXED", "--out", out.resolve("report").toString());

    assertEquals(2, r.code());
    assertEquals("compare: name each phase and each path at most once: --phases [FIXED, FIXED], --paths "
        + "[VES_SINGLE, VES_BATCH, WEBSOCKET, HV_VES, BUS]", r.err().strip());
    assertFalse(Files.exists(out.resolve("report")), "nothing started, nothing written");
  }

  @Test
  void zeroProducersAreRefusedWithoutAStackTrace(@TempDir Path out) {
    Refusal r = run("compare", "--producers", "0", "--out", out.toString());

    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("compare: producers, cells and metrics must be at least 1"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  private record Refusal(int code, String err) {}

  private static Refusal run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    return new Refusal(cli.execute(args), err.toString());
  }
}
