package io.vescollector.tools.send;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Every request of a load run as one JSON line ({@link RequestOutcome}), written as the run goes by a thread
 * of its own so that the event loop that sends never waits for the disk, and read back whole by the fault
 * harness to match each eventId with what Kafka holds.
 *
 * <pre>{"eventIds":["fault_sim-nf-0001_3f2a9c1e_0"],"scheduledAt":1733400000123,"outcome":"202","latencyUs":2310,
 *  "attempts":[{"url":"http://127.0.0.1:8080","sentAt":1733400000123,"status":503,"us":1200},
 *              {"url":"http://127.0.0.1:8081","sentAt":1733400000124,"status":202,"us":1100}]}</pre>
 * An attempt without an answer has {@code "error"} instead of {@code "status"}.
 */
public final class OutcomeLog implements AutoCloseable {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final BufferedWriter out;
  private final ExecutorService writer;
  private IOException failure;

  private OutcomeLog(BufferedWriter out) {
    this.out = out;
    this.writer = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "outcome-log-writer");
      t.setDaemon(true);
      return t;
    });
  }

  /** Creates (or truncates) {@code file}. */
  public static OutcomeLog create(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    return new OutcomeLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }

  /** Queues one request's line; never blocks. */
  public void add(RequestOutcome outcome) {
    writer.execute(() -> {
      if (failure != null) {
        return;
      }
      try {
        out.write(MAPPER.writeValueAsString(toJson(outcome)));
        out.newLine();
      } catch (IOException e) {
        failure = e;
      }
    });
  }

  /** Writes what is queued and closes the file; blocks. Reports a write that failed on the way. */
  @Override
  public void close() throws IOException {
    writer.shutdown();
    try {
      if (!writer.awaitTermination(60, TimeUnit.SECONDS)) {
        throw new IOException("the outcome log's writer did not finish within 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while writing the outcome log", e);
    } finally {
      out.close();
    }
    if (failure != null) {
      throw failure;
    }
  }

  static ObjectNode toJson(RequestOutcome o) {
    ObjectNode line = MAPPER.createObjectNode();
    ArrayNode ids = line.putArray("eventIds");
    o.eventIds().forEach(ids::add);
    line.put("scheduledAt", o.scheduledAtMillis());
    line.put("outcome", o.outcome());
    line.put("latencyUs", o.latencyMicros());
    ArrayNode attempts = line.putArray("attempts");
    for (RequestOutcome.Attempt a : o.attempts()) {
      ObjectNode attempt = attempts.addObject();
      attempt.put("url", a.url());
      attempt.put("sentAt", a.sentAtMillis());
      if (a.error() == null) {
        attempt.put("status", a.status());
      } else {
        attempt.put("error", a.error());
      }
      attempt.put("us", a.latencyMicros());
    }
    return line;
  }

  /** Reads a log back, one outcome per line in the order written. */
  public static List<RequestOutcome> read(Path file) throws IOException {
    List<RequestOutcome> outcomes = new ArrayList<>();
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      for (String line : (Iterable<String>) lines::iterator) {
        if (!line.isBlank()) {
          outcomes.add(fromJson(MAPPER.readTree(line)));
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return outcomes;
  }

  static RequestOutcome fromJson(JsonNode line) {
    List<String> ids = new ArrayList<>();
    line.path("eventIds").forEach(id -> ids.add(id.asText()));
    List<RequestOutcome.Attempt> attempts = new ArrayList<>();
    for (JsonNode a : line.path("attempts")) {
      attempts.add(new RequestOutcome.Attempt(a.path("url").asText(), a.path("status").asInt(0),
          a.hasNonNull("error") ? a.get("error").asText() : null, a.path("sentAt").asLong(), a.path("us").asLong()));
    }
    return new RequestOutcome(ids, line.path("scheduledAt").asLong(), attempts, line.path("outcome").asText(),
        line.path("latencyUs").asLong());
  }
}
