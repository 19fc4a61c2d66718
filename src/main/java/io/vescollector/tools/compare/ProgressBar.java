package io.vescollector.tools.compare;

import java.io.PrintStream;
import java.util.Locale;

/** One line per path and phase on stderr, redrawn in place: {@code [2/4] VES batch  fixed rate ████░░░░ 40%}. */
final class ProgressBar {
  private static final int WIDTH = 20;
  private final PrintStream err;
  private String last = "";

  ProgressBar(PrintStream err) {
    this.err = err;
  }

  synchronized void show(int index, int total, PathKind path, Phase phase, double fraction, String note) {
    int full = (int) Math.round(Math.max(0, Math.min(1, fraction)) * WIDTH);
    String line = String.format(Locale.ROOT, "[%d/%d] %-16s %-10s %s%s %3d%% %-10s", index, total, path.label(),
        phase.label(), "█".repeat(full), "░".repeat(WIDTH - full), Math.round(fraction * 100), note);
    if (!line.equals(last)) { // redraw only when something changed
      last = line;
      err.print("\r" + line);
      err.flush();
    }
  }

  synchronized void warming(int index, int total, PathKind path) {
    last = String.format(Locale.ROOT, "[%d/%d] %-16s warming up, not measured ...", index, total, path.label());
    err.print("\r" + last);
    err.flush();
  }

  synchronized void warmedUp(int index, int total, PathKind path, double seconds, boolean quiet) {
    err.printf(Locale.ROOT, "\r[%d/%d] %-16s warm-up %.0f s, not measured%s%n", index, total, path.label(), seconds,
        quiet ? "" : " (the collector still compiling at the --warmup limit)");
    last = null;
    err.flush();
  }

  synchronized void done(int index, int total, PathResult r) {
    show(index, total, r.path(), r.phase(), 1, "");
    err.printf(Locale.ROOT, "%n      %,.0f values/s, p99 %.0f ms, loss %d, errors %d%n", r.valuesPerSecond(), r.p99Ms(),
        r.loss(), r.errors());
    err.flush();
  }
}
