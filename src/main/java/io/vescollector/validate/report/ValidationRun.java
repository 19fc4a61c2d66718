package io.vescollector.validate.report;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Checks every document of the inputs on a pool of workers and prints the verdicts in input order.
 * Inputs are read as the workers need them and at most a few chunks per worker wait to be printed, so
 * memory stays bounded whatever the size of the input.
 */
public final class ValidationRun {
  private static final int CHUNK = 256;

  private final DocumentChecker checker;
  private final ReportFormat report;
  private final boolean ndjson;
  private final int threads;
  private final PrintStream out;
  private final Progress progress;

  /** Reports how far the run is, for a progress line on a terminal. */
  @FunctionalInterface
  public interface Progress {
    Progress NONE = (inputs, of, events) -> { };

    void update(int inputsDone, int inputs, long events);
  }

  /** What the run found; the exit status follows from it. */
  public record Outcome(ReportFormat.Tally tally, List<String> unreadableInputs) {
    public int exitStatus() {
      return !unreadableInputs.isEmpty() ? 2 : tally.invalid() > 0 ? 1 : 0;
    }
  }

  public ValidationRun(DocumentChecker checker, ReportFormat report, boolean ndjson, int threads, PrintStream out,
                       Progress progress) {
    this.checker = checker;
    this.report = report;
    this.ndjson = ndjson;
    this.threads = Math.max(1, threads);
    this.out = out;
    this.progress = progress;
  }

  public Outcome run(List<Input> inputs) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "validate-worker");
      t.setDaemon(true);
      return t;
    });
    Deque<Future<Checked>> pending = new ArrayDeque<>();
    Totals totals = new Totals();
    List<String> unreadable = new ArrayList<>();
    try {
      for (int i = 0; i < inputs.size(); i++) {
        Input input = inputs.get(i);
        try (DocumentReader reader = new DocumentReader(input, ndjson, CHUNK)) {
          for (List<DocumentReader.Document> chunk = reader.next(); !chunk.isEmpty(); chunk = reader.next()) {
            List<DocumentReader.Document> documents = chunk;
            pending.add(pool.submit(() -> check(documents)));
            while (pending.size() >= threads * 4) {
              print(pending.poll(), totals);
            }
          }
        } catch (IOException e) {
          unreadable.add(input.name() + ": " + e.getMessage());
        }
        progress.update(i + 1, inputs.size(), totals.events);
      }
      while (!pending.isEmpty()) {
        print(pending.poll(), totals);
      }
    } finally {
      pool.shutdownNow();
    }
    ReportFormat.Tally tally = new ReportFormat.Tally(totals.documents, totals.events, totals.invalid, totals.unreadable);
    out.print(report.summary(tally));
    out.flush();
    return new Outcome(tally, unreadable);
  }

  private Checked check(List<DocumentReader.Document> chunk) {
    StringBuilder text = new StringBuilder(chunk.size() * 96);
    long events = 0;
    long invalid = 0;
    long unreadable = 0;
    for (DocumentReader.Document document : chunk) {
      for (EventVerdict verdict : checker.check(document.source(), document.bytes(), document.firstLine() - 1)) {
        events++;
        if (!verdict.valid()) {
          invalid++;
          unreadable += verdict.version() == null ? 1 : 0;
        }
        text.append(report.format(verdict));
      }
    }
    return new Checked(text.toString(), chunk.size(), events, invalid, unreadable);
  }

  private void print(Future<Checked> next, Totals totals) throws InterruptedException {
    Checked checked;
    try {
      checked = next.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("checking failed: " + e.getCause(), e.getCause());
    }
    out.print(checked.text);
    totals.documents += checked.documents;
    totals.events += checked.events;
    totals.invalid += checked.invalid;
    totals.unreadable += checked.unreadable;
  }

  /** The printed verdicts and counts of one chunk. */
  private record Checked(String text, long documents, long events, long invalid, long unreadable) {}

  /** Running counts; touched by the printing thread only. */
  private static final class Totals {
    long documents;
    long events;
    long invalid;
    long unreadable;
  }
}
